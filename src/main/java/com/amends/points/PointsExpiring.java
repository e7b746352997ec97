package com.amends.points;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A points lot about to expire with points still in it: what a points.expiring_soon event tells. */
@Schema(name = "PointsExpiring")
public record PointsExpiring(
        @Schema(example = "points_expiring") String object,
        @Schema(example = "shop-cust-42") String customerId,
        @Schema(description = "The grant whose lot it is") String grantId,
        String lotId,
        @Schema(example = "300", description = "Points left in the lot") long points,
        Instant expiresAt) {}
