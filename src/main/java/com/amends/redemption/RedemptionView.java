package com.amends.redemption;

import com.amends.platform.Money;
import com.amends.points.LotUse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(name = "Redemption", description = "Value spent on an order: a voucher's amount, or points")
public record RedemptionView(
        @Schema(example = "red_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String id,
        @Schema(example = "voucher", allowableValues = {"voucher", "points"}) String kind,
        @Schema(example = "shop-cust-42") String customerId,
        @Schema(example = "order-981") String orderRef,
        @Schema(nullable = true, description = "The hold this redemption captured") String holdId,
        @Schema(nullable = true) String voucherId,
        @Schema(nullable = true, example = "7KQM-3XWD-9PFA-R2TN-H6VC") String voucherCode,
        @Schema(nullable = true, description = "Voucher redemptions: the value spent, named as in the request (for a "
                + "percent voucher, its discount on order_total)") Money amount,
        @Schema(nullable = true, description = "Voucher redemptions: how much of amount was given back")
        Money amountReversed,
        @Schema(nullable = true, description = "Percent vouchers: the order total the discount was taken from")
        Money orderTotal,
        @Schema(nullable = true, example = "200", description = "Points redemptions: the points spent") Long points,
        @Schema(nullable = true, description = "Points redemptions: how many points were given back") Long pointsReversed,
        @Schema(nullable = true, description = "Points redemptions: their value in the order's currency, when it was given")
        Money value,
        @Schema(nullable = true, description = "Points redemptions: the lots spent from, soonest-expiring first")
        List<LotUse> lots,
        List<ReversalView> reversals,
        Instant createdAt) {

    @Schema(name = "Reversal", description = "Value given back after a refund")
    public record ReversalView(
            @Schema(example = "rev_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String id,
            @Schema(nullable = true, description = "Voucher redemptions: the value given back") Money amount,
            @Schema(nullable = true, description = "Points redemptions: the points given back") Long points,
            @Schema(description = "Of that, what went straight to expiry because its lot or voucher had expired",
                    example = "0") long expired,
            @Schema(nullable = true) String reason,
            Instant createdAt) {}
}
