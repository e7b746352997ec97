package com.amends.report;

import com.amends.platform.Money;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** An amount for one group and one unit; points also valued in the accounting currency. */
@Schema(name = "ReportAmount")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GroupedAmount(
        @Schema(description = "The group's values, one per group_by dimension (null: no campaign, say)",
                example = "{\"reason\": \"SHIPPING_DELAY\", \"month\": \"2026-11\"}")
        Map<String, String> group,
        @Schema(description = "points, or the ISO currency of a voucher", example = "points") String unit,
        @Schema(description = "Points, or minor units of the currency", example = "1500") long amount,
        @Schema(description = "What the amount is worth: points at the configured rate in the accounting currency")
        Money value) {}
