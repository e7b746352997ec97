package com.amends.voucher;

import com.amends.platform.Money;
import com.amends.reward.VoucherType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "Voucher")
public record VoucherView(
        @Schema(example = "vch_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String id,
        @Schema(example = "7KQM-3XWD-9PFA-R2TN-H6VC", description = "What the customer types at checkout") String code,
        VoucherType type,
        @Schema(example = "active", description = "active, held (a percent voucher reserved by a hold), used_up, expired or revoked")
        String status,
        @Schema(nullable = true, description = "Amount vouchers: the value issued") Money value,
        @Schema(nullable = true, description = "Amount vouchers: what is left to spend") Money remaining,
        @Schema(nullable = true, example = "15") Integer percentOff,
        @Schema(nullable = true) Money maxDiscount,
        Instant expiresAt,
        @Schema(description = "True when it expires within 30 days") boolean expiringSoon,
        String customerId,
        String grantId,
        Instant createdAt) {}
