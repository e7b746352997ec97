package com.amends.hold;

import java.time.Instant;

public record HoldRow(
        String id,
        String kind,
        String customerId,
        String voucherId,
        String orderRef,
        String unit,
        long amount,
        Long orderTotal,
        HoldStatus status,
        Instant expiresAt,
        String apiKeyId,
        Instant createdAt,
        Instant closedAt,
        Long captured,
        String redemptionId) {

    /** A hold as placed: active until it is captured, released or expires. */
    static HoldRow placed(String id, String kind, String customerId, String voucherId, String orderRef, String unit,
                          long amount, Long orderTotal, Instant expiresAt, String apiKeyId, Instant now) {
        return new HoldRow(id, kind, customerId, voucherId, orderRef, unit, amount, orderTotal, HoldStatus.ACTIVE,
                expiresAt, apiKeyId, now, null, null, null);
    }

    boolean isPoints() {
        return "points".equals(kind);
    }
}
