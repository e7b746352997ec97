package com.amends.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "ApiKey")
public record ApiKeyView(
        @Schema(example = "key_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String id,
        @Schema(example = "zendesk-app") String name,
        Role role,
        Instant createdAt,
        @Schema(nullable = true) Instant revokedAt,
        @Schema(nullable = true, description = "When the key was last used, to the minute: it is written at most once "
                + "a minute per key") Instant lastUsedAt,
        @Schema(nullable = true, description = "From this moment on the key is refused (401 api_key_expired); null "
                + "for a key that does not expire") Instant expiresAt,
        @Schema(nullable = true, description = "When the key's secret was last rolled") Instant rolledAt,
        @Schema(nullable = true, description = "While a roll's overlap runs: until when the secret before the roll "
                + "is still accepted") Instant previousSecretExpiresAt,
        @Schema(nullable = true, description = "The key's own rate limit; null when its role's applies")
        KeyRateLimit rateLimit,
        @Schema(description = "The secret to send as Authorization: Bearer; shown only in the answers that create "
                + "the key or roll it", example = "sk_01JDQ3Z6M0N5X2K8R4T7V9W1YB.Q2hhbmdlIG1lIQ")
        String secret) {}
