package com.amends.hold;

import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "Hold", description = "Points or voucher value reserved for an order in checkout")
public record HoldView(
        @Schema(example = "hld_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String id,
        @Schema(allowableValues = {"points", "voucher"}) String kind,
        @Schema(allowableValues = {"active", "captured", "released", "expired"}) String status,
        String customerId,
        @Schema(example = "order-981") String orderRef,
        @Schema(nullable = true) String voucherId,
        @Schema(nullable = true) String voucherCode,
        @Schema(nullable = true, description = "Points holds: the points reserved") Long points,
        @Schema(nullable = true, description = "Voucher holds: the value reserved (for a percent voucher, its discount)")
        Money amount,
        @Schema(nullable = true) Money orderTotal,
        Instant expiresAt,
        Instant createdAt,
        @Schema(nullable = true) Instant closedAt,
        @Schema(nullable = true, description = "What the capture spent (points, or minor units of the hold's currency)")
        Long captured,
        @Schema(nullable = true, description = "The redemption the capture made") String redemptionId) {}
