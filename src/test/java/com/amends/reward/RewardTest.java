package com.amends.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.FieldError;
import com.amends.platform.Money;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A reward is points or a voucher, exactly one; a campaign's reward sits under a prefix. */
@Tag("fast")
class RewardTest {
    private static final VoucherTerms TEN_EUROS = new VoucherTerms(VoucherType.AMOUNT, new Money(1000L, "EUR"), null, null);

    private static ApiException refusal(Reward reward, String prefix) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> reward.check(prefix));
        assertThat(refused).as("the reward is refused").isNotNull();
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        return refused;
    }

    @Test
    void shouldTakePointsAlone_OrAVoucherAlone() {
        assertThatCode(() -> new Reward(500L, null).check("")).doesNotThrowAnyException();
        assertThatCode(() -> new Reward(null, TEN_EUROS).check("")).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseBothAtOnce_AndNeither_PointingAtPoints() {
        for (Reward reward : new Reward[] {new Reward(500L, TEN_EUROS), new Reward(null, null)}) {
            ApiException refused = refusal(reward, "");
            assertThat(refused.getMessage()).isEqualTo("Give either points or a voucher, not both or neither");
            assertThat(refused.errors()).containsExactly(
                    new FieldError("points", "give either points or voucher, exactly one"));
        }
    }

    @Test
    void shouldNameTheFieldUnderItsPrefix_WhenTheRewardIsPartOfABiggerRequest() {
        assertThat(refusal(new Reward(null, null), "reward.").errors()).containsExactly(
                new FieldError("reward.points", "give either points or voucher, exactly one"));
    }

    @Test
    void shouldCheckTheVouchersTerms_UnderTheVoucherField() {
        Reward reward = new Reward(null, new VoucherTerms(VoucherType.PERCENT, null, null, null));
        assertThat(refusal(reward, "").errors()).containsExactly(
                new FieldError("voucher.percent_off", "is required for a percent voucher"));
        assertThat(refusal(reward, "reward.").errors()).containsExactly(
                new FieldError("reward.voucher.percent_off", "is required for a percent voucher"));
    }
}
