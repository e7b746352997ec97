package com.amends.redemption;

import java.time.Instant;

public record RedemptionRow(
        String id,
        String kind,
        String customerId,
        String voucherId,
        String holdId,
        String orderRef,
        String unit,
        long amount,
        long reversed,
        Long orderTotal,
        Long valueAmount,
        String valueCurrency,
        String apiKeyId,
        Instant createdAt) {

    boolean isPoints() {
        return "points".equals(kind);
    }
}
