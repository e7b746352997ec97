package com.amends.platform.idempotency;

import java.time.Instant;

/** A claimed Idempotency-Key: in progress while {@code responseStatus} is null, answered after. */
public record StoredRequest(
        String apiKeyId,
        String idempotencyKey,
        String requestHash,
        String owner,
        Instant lockedUntil,
        Integer responseStatus,
        String responseBody,
        Instant expiresAt) {

    boolean answered() {
        return responseStatus != null;
    }
}
