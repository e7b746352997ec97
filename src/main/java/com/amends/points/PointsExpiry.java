package com.amends.points;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** Points that expired from a customer's wallet at one moment: what a points.expired event tells. */
@Schema(name = "PointsExpiry")
public record PointsExpiry(
        @Schema(example = "points_expiry") String object,
        @Schema(example = "shop-cust-42") String customerId,
        @Schema(example = "300", description = "Points that left the wallet") long points,
        Instant expiredAt,
        @Schema(description = "The lots they came from") List<ExpiredLot> lots) {

    @Schema(name = "ExpiredLot")
    public record ExpiredLot(String lotId, String grantId, long points, Instant expiresAt) {}

    static PointsExpiry of(String customerId, Instant at, List<Lot> lots) {
        return new PointsExpiry("points_expiry", customerId, lots.stream().mapToLong(Lot::remaining).sum(), at,
                lots.stream().map(l -> new ExpiredLot(l.id(), l.grantId(), l.remaining(), l.expiresAt())).toList());
    }
}
