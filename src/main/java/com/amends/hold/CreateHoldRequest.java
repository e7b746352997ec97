package com.amends.hold;

import com.amends.customer.Customers;
import com.amends.platform.Money;
import com.amends.reward.Reward;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

@Schema(name = "CreateHoldRequest", description = "Reserve a customer's points (customer_id and points), "
        + "or a voucher's value (voucher_code with amount, or order_total for a percent voucher)")
public record CreateHoldRequest(
        @NotBlank @Size(max = 100) @Schema(example = "order-981", requiredMode = Schema.RequiredMode.REQUIRED)
        String orderRef,
        @Pattern(regexp = Customers.ID_PATTERN, message = Customers.ID_MESSAGE) @Schema(example = "shop-cust-42")
        String customerId,
        @Positive @Max(Reward.MAX_POINTS) @Schema(example = "200") Long points,
        @Size(max = 64) @Schema(example = "7KQM-3XWD-9PFA-R2TN-H6VC") String voucherCode,
        @Valid Money amount,
        @Valid Money orderTotal,
        @Min(30) @Max(604_800)
        @Schema(example = "900", description = "Seconds until the server releases the hold by itself; default 900")
        Integer ttlSeconds) {}
