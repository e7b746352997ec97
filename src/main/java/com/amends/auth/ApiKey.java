package com.amends.auth;

import java.time.Instant;

/**
 * A stored API key; the secret itself is never stored, only its SHA-256. After a roll the hash
 * of the secret before is kept too, and accepted until {@code previousSecretUntil}.
 */
public record ApiKey(
        String id,
        String name,
        String role,
        String secretHash,
        Instant createdAt,
        Instant revokedAt,
        Instant lastUsedAt,
        Instant expiresAt,
        Instant rolledAt,
        String previousSecretHash,
        Instant previousSecretUntil,
        Integer rateLimitPerSecond,
        Integer rateLimitBurst) {

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The secret before the last roll is still accepted at {@code now}. */
    boolean previousValidAt(Instant now) {
        return previousSecretHash != null && previousSecretUntil != null && now.isBefore(previousSecretUntil);
    }

    ApiKeyView view(Instant now) {
        return view(now, null);
    }

    ApiKeyView view(Instant now, String secret) {
        return new ApiKeyView(id, name, Role.fromWire(role), createdAt, revokedAt, lastUsedAt, expiresAt, rolledAt,
                previousValidAt(now) ? previousSecretUntil : null, KeyRateLimit.of(rateLimitPerSecond, rateLimitBurst),
                secret);
    }
}
