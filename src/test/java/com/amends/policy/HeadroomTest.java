package com.amends.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Money;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Judging and the allowance read one headroom: the same cases give the same room and rule to both. */
@Tag("fast")
class HeadroomTest {

    @ParameterizedTest
    @MethodSource("com.amends.policy.HeadroomCases#cases")
    void theAllowanceOffersTheRoomOfTheTightestRule(HeadroomCases.Case c) {
        Allowance allowance = HeadroomCases.judging(c).allowance(HeadroomCases.grant(null), null, null);

        assertThat(allowance.limitedBy()).isEqualTo(c.limitedBy());
        assertThat(allowance.maxWithoutApproval()).isEqualTo(new Money(c.room(), "EUR"));
    }

    @ParameterizedTest
    @MethodSource("com.amends.policy.HeadroomCases#cases")
    void aGrantWorthTheRoomNeedsNoApproval(HeadroomCases.Case c) {
        Judging.Judgement judgement = HeadroomCases.judging(c).preview(HeadroomCases.grant(c.room()));

        assertThat(judgement.violations()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("com.amends.policy.HeadroomCases#cases")
    void aCentMoreBreaksTheTightestRule(HeadroomCases.Case c) {
        Judging judging = HeadroomCases.judging(c);
        Judging.Subject grant = HeadroomCases.grant(c.room() + 1);

        if (c.hard()) {
            assertThatThrownBy(() -> judging.preview(grant))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.BUDGET_EXHAUSTED);
                        assertThat(e.getMessage()).contains("The " + c.scope() + " budget of ")
                                .endsWith(" has " + new Amounts("EUR").format(c.room()) + " left");
                    });
        } else {
            Judging.Judgement judgement = judging.preview(grant);
            assertThat(judgement.needsApproval()).isTrue();
            assertThat(judgement.violations().get(0).rule()).isEqualTo(c.violation());
            assertThat(judgement.violations().get(0).value()).isNotNull();
        }
    }
}
