package com.amends.campaign;

import java.time.Instant;

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
        String status,
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
        long revokedGrants) {}
