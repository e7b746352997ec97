package com.amends.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(name = "WebhookEndpoint")
public record EndpointView(
        @Schema(example = "whe_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String id,
        @Schema(example = "https://crm.example.com/amends-webhooks") String url,
        @Schema(nullable = true) String description,
        @Schema(description = "The event types sent to it; empty for every type", example = "[\"grant.issued\"]")
        List<String> eventTypes,
        boolean enabled,
        @Schema(nullable = true, description = "Why it was disabled, when the server disabled it")
        String disabledReason,
        @Schema(nullable = true, description = "Since when every attempt to it has failed")
        Instant failingSince,
        @Schema(nullable = true, description = "Until when deliveries are also signed with the secret before the last rotation")
        Instant previousSecretExpiresAt,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The signing secret; shown only in the answers that create or rotate it",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        String secret) {}
