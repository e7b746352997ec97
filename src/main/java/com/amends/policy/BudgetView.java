package com.amends.policy;

import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "Budget")
public record BudgetView(
        @Schema(example = "shipping", description = "overall, or a reason category") String scope,
        @Schema(example = "2026-11") String month,
        Money budget,
        @Schema(allowableValues = {"soft", "hard"}) String mode,
        @Schema(description = "Issued and pending grants this month") Money committed,
        @Schema(description = "Budget less committed; negative when a soft budget is overrun",
                implementation = Money.Signed.class) Money remaining) {}
