package com.amends.grant;

import java.time.Instant;

public record GrantRow(
        String id,
        String customerId,
        String agentId,
        String reasonCode,
        String caseRef,
        String channel,
        String note,
        String status,
        Long points,
        Instant expiresAt,
        String apiKeyId,
        Instant createdAt,
        Instant revokedAt,
        String revokeReason,
        Long revokedPoints,
        Long revokedAmount,
        Long valueAmount,
        String category,
        boolean topUp,
        String reward,
        String approvalReasons,
        String decidedBy,
        Instant decidedAt,
        String decisionNote,
        String usageKeys,
        String campaignId) {

    boolean is(GrantStatus status) {
        return status.wire().equals(this.status);
    }
}
