package com.amends.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.FieldError;
import com.amends.platform.Money;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The terms an agent writes for a voucher: which fields go with which type, and what money is real. */
@Tag("fast")
class VoucherTermsTest {
    static VoucherTerms amount(Money value) {
        return new VoucherTerms(VoucherType.AMOUNT, value, null, null);
    }

    static VoucherTerms percent(Integer percentOff, Money maxDiscount) {
        return new VoucherTerms(VoucherType.PERCENT, null, percentOff, maxDiscount);
    }

    static ApiException refusal(VoucherTerms terms) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> terms.check("voucher."));
        assertThat(refused).as("the terms are refused").isNotNull();
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        return refused;
    }

    @Nested
    class AmountVouchers {
        @Test
        void shouldTakeAValueInARealCurrency() {
            assertThatCode(() -> amount(new Money(1000L, "EUR")).check("voucher.")).doesNotThrowAnyException();
            assertThatCode(() -> amount(new Money(500L, "JPY")).check("voucher.")).doesNotThrowAnyException();
        }

        @Test
        void shouldRequireAValue_NamingTheFieldUnderThePrefix() {
            ApiException refused = refusal(amount(null));
            assertThat(refused.errors()).containsExactly(
                    new FieldError("voucher.value", "is required for an amount voucher"));
            assertThat(refused.getMessage()).isEqualTo("voucher.value is required for an amount voucher");
        }

        @Test
        void shouldRefuseAZeroValue_AndTakeTheLargestAllowed() {
            assertThat(refusal(amount(new Money(0L, "EUR"))).errors()).containsExactly(
                    new FieldError("voucher.value.amount", "must be greater than 0"));
            assertThatCode(() -> amount(new Money(VoucherTerms.MAX_MINOR_UNITS, "EUR")).check("voucher."))
                    .doesNotThrowAnyException();
            assertThat(refusal(amount(new Money(VoucherTerms.MAX_MINOR_UNITS + 1, "EUR"))).errors()).containsExactly(
                    new FieldError("voucher.value.amount", "must be at most 100000000"));
        }

        @Test
        void shouldRefuseCodesThatAreNoCurrency_AndCodesThatAreNotMoney() {
            assertThat(refusal(amount(new Money(1000L, "ABC"))).errors()).containsExactly(
                    new FieldError("voucher.value.currency", "is not an ISO 4217 currency code"));
            // XXX is ISO 4217's "no currency": a code, but not money a voucher can hold.
            assertThat(refusal(amount(new Money(1000L, "XXX"))).errors()).containsExactly(
                    new FieldError("voucher.value.currency", "is not a currency of money"));
        }

        @Test
        void shouldRefusePercentFields_ListingEveryMistakeAtOnce() {
            ApiException refused = refusal(new VoucherTerms(VoucherType.AMOUNT, new Money(0L, "EUR"), 15,
                    new Money(2000L, "EUR")));
            assertThat(refused.errors()).containsExactly(
                    new FieldError("voucher.value.amount", "must be greater than 0"),
                    new FieldError("voucher.percent_off", "goes with a percent voucher only"),
                    new FieldError("voucher.max_discount", "goes with a percent voucher only"));
            assertThat(refused.getMessage()).isEqualTo("The voucher terms are not valid");
        }

        @Test
        void shouldLeaveAMissingAmountOrCurrencyToBeanValidation() {
            assertThatCode(() -> amount(new Money(null, "EUR")).check("voucher.")).doesNotThrowAnyException();
            assertThatCode(() -> amount(new Money(1000L, null)).check("voucher.")).doesNotThrowAnyException();
        }

        @Test
        void shouldBeInTheCurrencyOfItsValue() {
            assertThat(amount(new Money(1000L, "GBP")).currency()).isEqualTo("GBP");
        }
    }

    @Nested
    class PercentVouchers {
        @Test
        void shouldTakeAPercentage_WithOrWithoutACap() {
            assertThatCode(() -> percent(15, null).check("voucher.")).doesNotThrowAnyException();
            assertThatCode(() -> percent(15, new Money(2000L, "EUR")).check("voucher.")).doesNotThrowAnyException();
        }

        @Test
        void shouldRequireThePercentage() {
            assertThat(refusal(percent(null, null)).errors()).containsExactly(
                    new FieldError("voucher.percent_off", "is required for a percent voucher"));
        }

        @Test
        void shouldRefuseAValue() {
            ApiException refused = refusal(new VoucherTerms(VoucherType.PERCENT, new Money(1000L, "EUR"), 10, null));
            assertThat(refused.errors()).containsExactly(
                    new FieldError("voucher.value", "goes with an amount voucher only"));
        }

        @Test
        void shouldCheckTheCapAsMoney() {
            assertThat(refusal(percent(15, new Money(0L, "EUR"))).errors()).containsExactly(
                    new FieldError("voucher.max_discount.amount", "must be greater than 0"));
            assertThat(refusal(percent(15, new Money(2000L, "QQQ"))).errors()).containsExactly(
                    new FieldError("voucher.max_discount.currency", "is not an ISO 4217 currency code"));
        }

        @Test
        void shouldBeInTheCurrencyOfItsCap_AndInNoneWithoutOne() {
            assertThat(percent(15, new Money(2000L, "USD")).currency()).isEqualTo("USD");
            assertThat(percent(15, null).currency()).isNull();
        }
    }
}
