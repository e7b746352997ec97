package com.amends.points;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** Points taken from (or given back to) one lot. */
@Schema(name = "LotUse")
public record LotUse(
        @Schema(example = "lot_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String lotId,
        @Schema(example = "200") long points,
        Instant expiresAt) {}
