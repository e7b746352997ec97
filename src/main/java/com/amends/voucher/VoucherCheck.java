package com.amends.voucher;

import com.amends.platform.Money;
import com.amends.reward.VoucherType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "VoucherCheck", description = "Whether a voucher can be used now, and what it would take off an order")
public record VoucherCheck(
        @Schema(example = "7KQM-3XWD-9PFA-R2TN-H6VC") String code,
        @Schema(description = "True when it can be redeemed now") boolean usable,
        @Schema(example = "active", description = "active, held, used_up, expired or revoked") String status,
        @Schema(nullable = true, example = "voucher_expired",
                description = "When not usable: the error code a redemption would answer") String refusal,
        VoucherType type,
        @Schema(nullable = true, example = "EUR") String currency,
        @Schema(nullable = true, description = "Amount vouchers: what is left") Money remaining,
        @Schema(nullable = true) Integer percentOff,
        @Schema(nullable = true) Money maxDiscount,
        Instant expiresAt,
        boolean expiringSoon,
        @Schema(nullable = true, description = "Given an order total: the discount the voucher would give now")
        Money discount) {}
