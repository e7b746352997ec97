package com.amends.redemption;

import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "VoucherRedemptionRequest",
        description = "amount for an amount voucher (spent in parts); order_total for a percent voucher (used once)")
public record VoucherRedemptionRequest(
        @NotBlank @Size(max = 100) @Schema(example = "order-981", requiredMode = Schema.RequiredMode.REQUIRED)
        String orderRef,
        @Valid @Schema(description = "Amount vouchers: how much to spend") Money amount,
        @Valid @Schema(description = "Percent vouchers: the order total to take the percentage of") Money orderTotal) {}
