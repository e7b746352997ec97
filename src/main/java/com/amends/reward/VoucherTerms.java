package com.amends.reward;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.FieldError;
import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a voucher is worth: a money value, or a percentage off one order with an optional cap. */
@Schema(name = "VoucherTerms", description = "type amount takes value; type percent takes percent_off and optionally max_discount")
public record VoucherTerms(
        @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED) VoucherType type,
        @Valid @Schema(description = "For type amount: the value, spendable in parts") Money value,
        @Min(1) @Max(100) @Schema(description = "For type percent: whole percent off one order", example = "15")
        Integer percentOff,
        @Valid @Schema(description = "For type percent: the largest discount it gives") Money maxDiscount) {

    public static final long MAX_MINOR_UNITS = 100_000_000L;

    /** The rules bean validation cannot say: which fields go with which type, and real currencies. */
    public void check(String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (type == VoucherType.AMOUNT) {
            if (value == null) {
                errors.add(new FieldError(prefix + "value", "is required for an amount voucher"));
            } else {
                checkMoney(prefix + "value", value, errors);
            }
            if (percentOff != null) {
                errors.add(new FieldError(prefix + "percent_off", "goes with a percent voucher only"));
            }
            if (maxDiscount != null) {
                errors.add(new FieldError(prefix + "max_discount", "goes with a percent voucher only"));
            }
        } else if (type == VoucherType.PERCENT) {
            if (percentOff == null) {
                errors.add(new FieldError(prefix + "percent_off", "is required for a percent voucher"));
            }
            if (value != null) {
                errors.add(new FieldError(prefix + "value", "goes with an amount voucher only"));
            }
            if (maxDiscount != null) {
                checkMoney(prefix + "max_discount", maxDiscount, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message() : "The voucher terms are not valid",
                    errors, Map.of());
        }
    }

    private static void checkMoney(String field, Money money, List<FieldError> errors) {
        if (money.amount() == null || money.currency() == null) {
            return; // bean validation reports these
        }
        if (money.amount() <= 0) {
            errors.add(new FieldError(field + ".amount", "must be greater than 0"));
        } else if (money.amount() > MAX_MINOR_UNITS) {
            errors.add(new FieldError(field + ".amount", "must be at most " + MAX_MINOR_UNITS));
        }
        try {
            Money.requireKnownCurrency(field + ".currency", money.currency());
        } catch (ApiException e) {
            errors.addAll(e.errors());
        }
    }

    /** The currency the voucher is in; a percent voucher without a cap has none. */
    public String currency() {
        if (value != null) {
            return value.currency();
        }
        return maxDiscount == null ? null : maxDiscount.currency();
    }
}
