package com.amends.policy;

import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;

/** One rule a grant broke, in words and in machine form. */
@Schema(name = "ApprovalReason")
public record Violation(
        @Schema(example = "max_grant", allowableValues = {"max_grant", "daily_total", "customer_cap", "budget", "top_up",
                "not_valued"}) String rule,
        @Schema(example = "A single grant above 20.00 EUR needs approval") String message,
        @Schema(nullable = true, description = "The limit that was broken") Money limit,
        @Schema(nullable = true, description = "The value that broke it (with this grant)") Money value,
        @Schema(nullable = true, example = "shipping", description = "For budget: overall or the category") String scope) {}
