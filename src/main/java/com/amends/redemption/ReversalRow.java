package com.amends.redemption;

import java.time.Instant;

public record ReversalRow(
        String id, String redemptionId, String unit, long amount, long expiredAmount, String reason,
        String apiKeyId, Instant createdAt) {}
