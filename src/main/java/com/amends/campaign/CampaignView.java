package com.amends.campaign;

import com.amends.platform.Money;
import com.amends.reward.Reward;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "Campaign")
public record CampaignView(
        @Schema(example = "cmp_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String id,
        String name,
        String incidentRef,
        String reasonCode,
        String agentId,
        Reward reward,
        Instant expiresAt,
        @Schema(nullable = true) Money costCap,
        @Schema(nullable = true) MessageTemplate message,
        @Schema(allowableValues = {"open", "closed"}) String status,
        Progress progress,
        @Schema(nullable = true, description = "Cost so far in the accounting currency; null when the reward cannot be valued")
        Money cost,
        @Schema(nullable = true, description = "What one grant is worth") Money unitValue,
        Instant createdAt,
        @Schema(nullable = true) Instant startedAt,
        @Schema(nullable = true, description = "When the last received row was handled") Instant finishedAt,
        @Schema(nullable = true) Instant closedAt,
        @Schema(nullable = true, description = "Revoking what nobody spent, once asked for") Revocation revocation) {

    @Schema(name = "CampaignRevocation")
    public record Revocation(Instant requestedAt, @Schema(nullable = true) Instant finishedAt, long grantsRevoked) {}


    @Schema(name = "CampaignProgress")
    public record Progress(
            @Schema(description = "Rows received in all batches") long received,
            long credited,
            @Schema(description = "Already credited, or stopped by the cost cap or a hard budget") long skipped,
            @Schema(description = "Invalid rows") long failed,
            @Schema(description = "Rows waiting to be credited") long queued) {}
}
