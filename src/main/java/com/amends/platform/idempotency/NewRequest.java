package com.amends.platform.idempotency;

import java.time.Instant;

/** A key's row as a request claims it (no answer yet), or as a refusal stores it (answered at once). */
public record NewRequest(
        String apiKeyId,
        String idempotencyKey,
        String requestHash,
        String owner,
        Instant lockedUntil,
        Instant createdAt,
        Instant expiresAt,
        Integer responseStatus,
        String responseBody) {}
