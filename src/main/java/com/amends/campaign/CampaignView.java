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
        Counts counts,
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


    /** The batches' counts summed, by the names a batch and a preview use ({@link RecipientCounts}). */
    @Schema(name = "CampaignCounts", description = "Rows of all batches by what became of them; "
            + "received = queued + credited + skipped + invalid")
    public record Counts(
            @Schema(example = "3", description = "Rows received") long received,
            @Schema(example = "0", description = "Rows waiting to be credited") long queued,
            @Schema(example = "2", description = "Rows whose customer was credited") long credited,
            @Schema(example = "1", description = "Valid rows not credited: already credited, listed twice, stopped by the "
                    + "cost cap or a hard budget, or left when the reward expired") long skipped,
            @Schema(example = "0", description = "Rows refused as invalid") long invalid) {}
}
