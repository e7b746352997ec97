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
        @Schema(nullable = true) Instant lastUsedAt,
        @Schema(description = "The secret to send as Authorization: Bearer; shown only in the answer that creates the key",
                example = "sk_01JDQ3Z6M0N5X2K8R4T7V9W1YB.Q2hhbmdlIG1lIQ")
        String secret) {}
