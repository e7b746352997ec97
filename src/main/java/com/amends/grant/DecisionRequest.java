package com.amends.grant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "DecisionRequest", description = "Who decides (never the agent who asked) and why")
public record DecisionRequest(
        @NotBlank @Size(max = 64) @Schema(example = "lead-2", requiredMode = Schema.RequiredMode.REQUIRED) String agentId,
        @Size(max = 500) @Schema(example = "repeat customer, fair amount", description = "Required to reject")
        String note) {}
