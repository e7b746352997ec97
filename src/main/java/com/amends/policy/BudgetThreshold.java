package com.amends.policy;

import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;

/** A budget passing 80 or 100 percent of itself in a month: what a budget.threshold_reached event tells. */
@Schema(name = "BudgetThreshold")
public record BudgetThreshold(
        @Schema(example = "budget_threshold") String object,
        @Schema(example = "shipping", description = "overall, or a reason category") String scope,
        @Schema(example = "2026-11") String month,
        @Schema(allowableValues = {"soft", "hard"}) String mode,
        @Schema(example = "80", allowableValues = {"80", "100"}, description = "The percent of the budget now committed or passed")
        int threshold,
        Money budget,
        @Schema(description = "Issued and pending grants this month") Money committed) {

    /** The thresholds told of, in percent of the budget. */
    static final int[] PERCENTS = {80, 100};
}
