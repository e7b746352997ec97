package com.amends.grant;

import java.time.Instant;

/**
 * A grant as stored. New rows are built by {@link #single} or {@link #campaign}; what a grant
 * learns later (its decision, its revocation) is written by its own statement, never by a
 * positional constructor full of nulls.
 */
public record GrantRow(
        String id,
        String customerId,
        String agentId,
        String reasonCode,
        String caseRef,
        String channel,
        String note,
        GrantStatus status,
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
        String usageId,
        String campaignId) {

    /** What a new grant is given, whoever makes it. */
    record New(String id, String customerId, String agentId, String reasonCode, String caseRef, Channel channel,
               String note, Long points, String reward, Long valueAmount, String category, Instant expiresAt,
               String apiKeyId, Instant createdAt) {}

    /** A grant for one case; its usage rows are kept under its own id. */
    static GrantRow single(New grant, GrantStatus status, boolean topUp, String approvalReasons) {
        return of(grant, status, topUp, approvalReasons, grant.id(), null);
    }

    /** One of a campaign's grants (always issued at once): the campaign is its case. */
    static GrantRow campaign(New grant, String usageId, String campaignId) {
        return of(grant, GrantStatus.ISSUED, false, null, usageId, campaignId);
    }

    private static GrantRow of(New g, GrantStatus status, boolean topUp, String approvalReasons, String usageId,
                               String campaignId) {
        return new GrantRow(g.id(), g.customerId(), g.agentId(), g.reasonCode(), g.caseRef(), g.channel().wire(),
                g.note(), status, g.points(), g.expiresAt(), g.apiKeyId(), g.createdAt(), null, null, null, null,
                g.valueAmount(), g.category(), topUp, g.reward(), approvalReasons, null, null, null, usageId, campaignId);
    }

    boolean is(GrantStatus status) {
        return this.status == status;
    }
}
