package com.amends.campaign;

import java.time.Instant;

/** A campaign as stored; a new one is built by {@link #open}, its progress written by statements of its own. */
public record CampaignRow(
        String id,
        String name,
        String incidentRef,
        String reasonCode,
        String category,
        String agentId,
        String reward,
        Long unitValue,
        Instant expiresAt,
        Long costCap,
        String messageSubject,
        String messageBody,
        CampaignStatus status,
        long received,
        long credited,
        long skipped,
        long failed,
        String apiKeyId,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant closedAt,
        Instant revokeRequestedAt,
        Instant revokeFinishedAt,
        long revokedGrants) {

    /** A new campaign, open and with nothing received yet. */
    static CampaignRow open(String id, String name, String incidentRef, String reasonCode, String category,
                            String agentId, String reward, Long unitValue, Instant expiresAt, Long costCap,
                            MessageTemplate message, String apiKeyId, Instant createdAt) {
        return new CampaignRow(id, name, incidentRef, reasonCode, category, agentId, reward, unitValue, expiresAt,
                costCap, message == null ? null : message.subject(), message == null ? null : message.body(),
                CampaignStatus.OPEN, 0, 0, 0, 0, apiKeyId, createdAt, null, null, null, null, null, 0);
    }

    boolean is(CampaignStatus status) {
        return this.status == status;
    }

    /** Every row received is queued until it is settled one way or another. */
    long queued() {
        return received - credited - skipped - failed;
    }
}
