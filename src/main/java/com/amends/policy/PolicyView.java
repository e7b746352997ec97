package com.amends.policy;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

@Schema(name = "Policies")
public record PolicyView(
        @Schema(example = "EUR", description = "The currency limits, caps and budgets are kept in") String currency,
        @Schema(description = "Defaults by role (agent, supervisor)") Map<String, Limits> roles,
        @Schema(description = "Overrides for single agents; they beat the role's defaults") List<AgentLimits> agents,
        @Schema(nullable = true) CustomerCap customerCap) {}
