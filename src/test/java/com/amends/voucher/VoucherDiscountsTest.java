package com.amends.voucher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amends.event.Events;
import com.amends.ledger.Ledger;
import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.FieldError;
import com.amends.platform.Ids;
import com.amends.platform.Money;
import com.amends.platform.Transactor;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What a voucher takes off an order, at checkout and when a shop only asks: an amount voucher
 * spends what is asked or what the order needs; a percent voucher takes its percentage, rounded
 * down, up to its cap. The storage is a Mockito stand-in: these are the rules, not the SQL.
 */
@Tag("fast")
class VoucherDiscountsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String CODE = new VoucherCodes(new SecureRandom()).next();

    private final VoucherDao dao = mock(VoucherDao.class);
    private final Vouchers vouchers = vouchers(dao);

    private static Vouchers vouchers(VoucherDao dao) {
        Transactor transactor = mock(Transactor.class);
        when(transactor.onDemand(VoucherDao.class)).thenReturn(dao);
        return new Vouchers(transactor, mock(Ledger.class), mock(Events.class), new Ids(CLOCK),
                new CodeGuessLimiter(CLOCK, 10, Duration.ofMinutes(1)), CLOCK);
    }

    /** The one place that knows how a stored voucher is built. */
    private static VoucherRow voucher(String type, String currency, Long balance, Integer percentOff, Long maxDiscount,
                                      VoucherStatus status, Instant expiresAt) {
        return new VoucherRow("vch_1", CODE, "cus_1", "grt_1", type, currency, balance, percentOff, maxDiscount,
                status, expiresAt, NOW.minus(Duration.ofDays(1)), balance, "DAMAGED_ITEM");
    }

    private static VoucherRow amountVoucher(long balance) {
        return voucher("amount", "EUR", balance, null, null, VoucherStatus.ACTIVE, NOW.plus(Duration.ofDays(30)));
    }

    private static VoucherRow percentVoucher(int percentOff, Long cap, String currency) {
        return voucher("percent", currency, null, percentOff, cap, VoucherStatus.ACTIVE, NOW.plus(Duration.ofDays(30)));
    }

    private static Money eur(long amount) {
        return new Money(amount, "EUR");
    }

    private static ApiException refusal(Executable call) {
        ApiException refused = catchThrowableOfType(ApiException.class, call::execute);
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }

    @Nested
    class AmountVouchers {
        @Test
        void shouldSpendTheAmountAsked() {
            assertThat(vouchers.spendAmount(amountVoucher(1000), eur(300), null)).isEqualTo(300);
        }

        @Test
        void shouldSpendWhatTheOrderNeeds_UpToTheBalance_WhenGivenOnlyTheOrderTotal() {
            assertThat(vouchers.spendAmount(amountVoucher(1000), null, eur(400))).isEqualTo(400);
            assertThat(vouchers.spendAmount(amountVoucher(1000), null, eur(2500))).isEqualTo(1000);
        }

        @Test
        void shouldRefuseAnotherCurrency_NamingTheField() {
            ApiException refused = refusal(() -> vouchers.spendAmount(amountVoucher(1000), new Money(300L, "USD"), null));
            assertThat(refused.errorCode()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
            assertThat(refused.errors()).containsExactly(
                    new FieldError("amount.currency", "is USD but the voucher is in EUR"));
            assertThat(refusal(() -> vouchers.spendAmount(amountVoucher(1000), null, new Money(300L, "GBP")))
                    .errors()).extracting(FieldError::field).containsExactly("order_total.currency");
        }

        @Test
        void shouldRefuseNothingToSpend_AndNothingAsked() {
            assertThat(refusal(() -> vouchers.spendAmount(amountVoucher(1000), eur(0), null)).errors())
                    .containsExactly(new FieldError("amount.amount", "must be greater than 0"));
            assertThat(refusal(() -> vouchers.spendAmount(amountVoucher(1000), null, eur(0))).errors())
                    .containsExactly(new FieldError("order_total.amount", "must be greater than 0"));
            ApiException neither = refusal(() -> vouchers.spendAmount(amountVoucher(1000), null, null));
            assertThat(neither.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(neither.errors()).containsExactly(new FieldError("amount", "is required for an amount voucher"));
        }
    }

    @Nested
    class PercentVouchers {
        @Test
        void shouldTakeThePercentage_RoundedDownToTheMinorUnit() {
            // 15 % of 19.99 is 2.9985: the customer gets 2.99, never a cent the voucher does not give.
            assertThat(vouchers.spendAmount(percentVoucher(15, null, null), null, eur(1999))).isEqualTo(299);
            assertThat(Vouchers.percentDiscount(percentVoucher(100, null, null), 1999)).isEqualTo(1999);
        }

        @Test
        void shouldStopAtTheCap() {
            VoucherRow capped = percentVoucher(15, 2000L, "EUR");
            assertThat(vouchers.spendAmount(capped, null, eur(10_000))).isEqualTo(1500);
            assertThat(vouchers.spendAmount(capped, null, eur(13_333))).isEqualTo(1999);
            assertThat(vouchers.spendAmount(capped, null, eur(50_000))).isEqualTo(2000);
        }

        @Test
        void shouldTakeAnyCurrency_WithoutACap_ButOnlyTheCapsWithOne() {
            assertThat(vouchers.spendAmount(percentVoucher(10, null, null), null, new Money(5000L, "JPY")))
                    .isEqualTo(500);
            ApiException refused = refusal(() -> vouchers.spendAmount(percentVoucher(10, 2000L, "EUR"), null,
                    new Money(5000L, "USD")));
            assertThat(refused.errorCode()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
            assertThat(refused.errors()).extracting(FieldError::field).containsExactly("order_total.currency");
        }

        @Test
        void shouldRefuseAnOrderTooSmallToTakeAnythingOff_RatherThanUseTheVoucherUpOnNothing() {
            // 1 % of 0.99 rounds down to nothing.
            ApiException refused = refusal(() -> vouchers.spendAmount(percentVoucher(1, null, null), null, eur(99)));
            assertThat(refused.errors()).containsExactly(
                    new FieldError("order_total.amount", "is too small for this voucher to take anything off"));
            assertThat(vouchers.spendAmount(percentVoucher(1, null, null), null, eur(100))).isEqualTo(1);
        }

        @Test
        void shouldAskForTheOrderTotal_NotAnAmount() {
            assertThat(refusal(() -> vouchers.spendAmount(percentVoucher(15, null, null), eur(300), null)).errors())
                    .extracting(FieldError::field).containsExactly("amount");
            assertThat(refusal(() -> vouchers.spendAmount(percentVoucher(15, null, null), null, null)).errors())
                    .containsExactly(new FieldError("order_total", "is required for a percent voucher"));
        }

        @Test
        void shouldNotOverflow_OnTheLargestOrderTotalMoneyAllows() {
            assertThat(Vouchers.percentDiscount(percentVoucher(100, null, null), Money.MAX_AMOUNT))
                    .isEqualTo(Money.MAX_AMOUNT);
        }
    }

    /** What a shop sees when it checks a code before checkout. */
    @Nested
    class Checking {
        private VoucherCheck check(VoucherRow stored, Money orderTotal) {
            when(dao.findByCode(CODE)).thenReturn(Optional.of(stored));
            return vouchers.check("key_1", VoucherCodes.display(CODE).toLowerCase(), orderTotal);
        }

        @Test
        void shouldShowTheDiscountTheOrderWouldGet() {
            assertThat(check(amountVoucher(1000), eur(2500)).discount()).isEqualTo(eur(1000));
            assertThat(check(percentVoucher(15, 2000L, "EUR"), eur(1999)).discount()).isEqualTo(eur(299));
        }

        @Test
        void shouldShowNoDiscount_AndWhy_WhenTheVoucherCannotBeUsed() {
            VoucherCheck expired = check(voucher("amount", "EUR", 1000L, null, null, VoucherStatus.ACTIVE, NOW), eur(2500));
            assertThat(expired.usable()).isFalse();
            assertThat(expired.refusal()).isEqualTo("voucher_expired");
            assertThat(expired.discount()).isEqualTo(eur(0));

            VoucherCheck spent = check(amountVoucher(0), eur(2500));
            assertThat(spent.usable()).isFalse();
            assertThat(spent.refusal()).isEqualTo("insufficient_balance");
        }

        @Test
        void shouldBeUsableUntilTheInstantItExpires() {
            VoucherRow lastMoment = voucher("amount", "EUR", 1000L, null, null, VoucherStatus.ACTIVE, NOW.plusMillis(1));
            assertThat(check(lastMoment, null).usable()).isTrue();
        }

        @Test
        void shouldRefuseAnOrderInAnotherCurrency() {
            assertThat(refusal(() -> check(amountVoucher(1000), new Money(2500L, "USD"))).errorCode())
                    .isEqualTo(ErrorCode.CURRENCY_MISMATCH);
        }

        @Test
        void shouldTellAMistypedCode_FromOneThatDoesNotExist() {
            when(dao.findByCode(CODE)).thenReturn(Optional.empty());
            char last = CODE.charAt(CODE.length() - 1);
            String mistyped = CODE.substring(0, CODE.length() - 1) + (last == '0' ? '1' : '0');
            assertThat(refusal(() -> vouchers.check("key_1", mistyped, null)).errorCode())
                    .isEqualTo(ErrorCode.VOUCHER_CODE_MISTYPED);
            assertThat(refusal(() -> vouchers.check("key_1", CODE, null)).errorCode())
                    .isEqualTo(ErrorCode.VOUCHER_NOT_FOUND);
        }
    }
}
