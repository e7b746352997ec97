package com.amends.platform;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/** An amount in integer minor units of an ISO 4217 currency, e.g. 1000 EUR is 10.00 EUR. */
@Schema(name = "Money")
public record Money(
        @NotNull @PositiveOrZero @Max(MAX_AMOUNT)
        @Schema(description = "Integer minor units (cents)", example = "1000", requiredMode = Schema.RequiredMode.REQUIRED)
        Long amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
        @Schema(example = "EUR", requiredMode = Schema.RequiredMode.REQUIRED)
        String currency) {

    /** 10 billion in major units: far above any order, far below where arithmetic on it could overflow. */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;

    /**
     * The shape of an amount that may be below zero, such as what is left of an overrun budget;
     * for the OpenAPI document only: the server writes it as a {@link Money}.
     */
    @Schema(name = "SignedMoney", description = "An amount that may be negative, in integer minor units")
    public record Signed(
            @Schema(description = "Integer minor units (cents); negative below zero", example = "-500",
                    requiredMode = Schema.RequiredMode.REQUIRED, minimum = "-1000000000000", maximum = "1000000000000")
            long amount,
            @Schema(example = "EUR", pattern = "[A-Z]{3}", requiredMode = Schema.RequiredMode.REQUIRED) String currency) {}

    /** Bean validation checks the shape; this checks the currency is one the world uses. */
    public static void requireKnownCurrency(String field, String currency) {
        try {
            java.util.Currency c = java.util.Currency.getInstance(currency);
            if (c.getDefaultFractionDigits() < 0) {
                throw ApiException.invalid(field, "is not a currency of money");
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "is not an ISO 4217 currency code");
        }
    }
}
