package com.amends.grant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import com.amends.customer.Customers;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

@Schema(name = "DecisionRequest", description = "Who decides (never the agent who asked) and why")
public record DecisionRequest(
        @NotNull @Pattern(regexp = Customers.AGENT_ID_PATTERN, message = Customers.ID_MESSAGE)
        @Schema(example = "lead-2", requiredMode = Schema.RequiredMode.REQUIRED) String agentId,
        @Size(max = 500) @Schema(example = "repeat customer, fair amount", description = "Required to reject")
        String note) {}
