package com.amends.wallet;

import com.amends.voucher.VoucherView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(name = "Wallet", description = "What a customer holds now, and the goodwill they have received")
public record Wallet(
        @Schema(example = "shop-cust-42") String customerId,
        Instant customerSince,
        PointsSummary points,
        @Schema(description = "Vouchers that can still be used, soonest to expire first") List<VoucherView> vouchers,
        CustomerGoodwill goodwill) {

    @Schema(name = "PointsSummary")
    public record PointsSummary(
            @Schema(example = "1200", description = "Points the customer can spend now") long available,
            @Schema(example = "300", description = "Points reserved by holds for orders in checkout") long held,
            @Schema(example = "200", description = "Points of `available` whose lots expire within 30 days")
            long expiringSoon,
            @Schema(description = "The end of the expiring_soon window") Instant expiringBefore) {}
}
