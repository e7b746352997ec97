package com.amends.report;

import com.amends.platform.Money;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@Schema(name = "EffectivenessReport", description = "Of the goodwill granted in [from, to), how much customers came back "
        + "and spent, and how soon. Values in the accounting currency, points at the configured rate.")
public record EffectivenessReport(Instant from, Instant to, List<String> groupBy, List<Row> rows) {

    @Schema(name = "EffectivenessRow")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Row(
            Map<String, String> group,
            @Schema(description = "Grants issued in the period", example = "40") long grants,
            @Schema(description = "Of them, grants spent at least once", example = "22") long redeemedGrants,
            Money issuedValue,
            Money redeemedValue,
            @Schema(description = "redeemed_value / issued_value, 0 to 1; null when nothing was issued", example = "0.55",
                    nullable = true)
            Double redemptionRate,
            @Schema(description = "Median time from grant to its first redemption; null when none was redeemed",
                    example = "86400", nullable = true)
            Long medianSecondsToFirstRedemption) {}
}
