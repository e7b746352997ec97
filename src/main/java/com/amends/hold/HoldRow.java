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
        String status,
        Instant expiresAt,
        String apiKeyId,
        Instant createdAt,
        Instant closedAt,
        Long captured,
        String redemptionId) {

    boolean isPoints() {
        return "points".equals(kind);
    }
}
