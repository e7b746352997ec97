package com.amends.campaign;

import com.amends.customer.Customers;
import com.amends.platform.Money;
import com.amends.reason.ReasonCodes;
import com.amends.reward.Reward;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

@Schema(name = "CreateCampaignRequest")
public record CreateCampaignRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Storm Bert delays", requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @NotBlank @Size(max = 100) @Schema(example = "storm-2026-11-20", requiredMode = Schema.RequiredMode.REQUIRED)
        String incidentRef,
        @NotNull @Size(max = ReasonCodes.MAX_LENGTH)
        @Schema(example = "PROACTIVE_APOLOGY", requiredMode = Schema.RequiredMode.REQUIRED) String reasonCode,
        @NotNull @Pattern(regexp = Customers.AGENT_ID_PATTERN, message = Customers.ID_MESSAGE)
        @Schema(example = "lead-2", description = "The supervisor running the campaign",
                requiredMode = Schema.RequiredMode.REQUIRED) String agentId,
        @Valid @Schema(description = "What each customer gets; defaults to the reason code's suggested reward") Reward reward,
        @Schema(description = "When the points or vouchers expire; defaults to the reason code's validity") Instant expiresAt,
        @Valid @Schema(description = "Crediting stops when the campaign's cost would pass this") Money costCap,
        @Valid MessageTemplate message) {}
