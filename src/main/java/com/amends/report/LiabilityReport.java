package com.amends.report;

import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(name = "LiabilityReport", description = "What customers could spend at as_of, and how it moved since from: "
        + "opening + issued - redeemed - expired - revoked = closing, per unit")
public record LiabilityReport(Instant from, Instant asOf, List<Movement> units,
                              @Schema(description = "Closing liability per currency, points included at their value")
                              List<Money> totalValue) {

    @Schema(name = "LiabilityMovement")
    public record Movement(
            @Schema(example = "EUR") String unit,
            long opening, long issued, long redeemed, long expired, long revoked, long closing,
            @Schema(description = "Part of closing reserved by open holds") long held,
            Money closingValue) {}
}
