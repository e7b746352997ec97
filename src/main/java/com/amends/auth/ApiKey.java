package com.amends.auth;

import java.time.Instant;

/** A stored API key; the secret itself is never stored, only its SHA-256. */
public record ApiKey(
        String id,
        String name,
        String role,
        String secretHash,
        Instant createdAt,
        Instant revokedAt,
        Instant lastUsedAt) {

    ApiKeyView view() {
        return new ApiKeyView(id, name, Role.fromWire(role), createdAt, revokedAt, lastUsedAt, null);
    }
}
