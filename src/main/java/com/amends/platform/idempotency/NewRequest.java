package com.amends.platform.idempotency;

import java.time.Instant;

public record NewRequest(
        String apiKeyId,
        String idempotencyKey,
        String requestHash,
        String owner,
        Instant lockedUntil,
        Instant createdAt,
        Instant expiresAt) {}
