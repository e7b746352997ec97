package com.amends.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "WebhookDelivery")
public record DeliveryView(
        @Schema(example = "whd_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String id,
        String endpointId,
        @Schema(description = "The event's id, also the webhook-id header of every attempt") String eventId,
        @Schema(nullable = true, description = "null once the event was pruned", example = "grant.issued")
        String eventType,
        DeliveryStatus status,
        @Schema(description = "Attempts since it was last queued") int attempts,
        @Schema(nullable = true, description = "The HTTP status of the last answer; null when none came")
        Integer lastResponseStatus,
        @Schema(nullable = true) String lastError,
        @Schema(nullable = true) Instant lastAttemptAt,
        @Schema(nullable = true, description = "When it is tried next, while pending") Instant nextAttemptAt,
        Instant createdAt,
        @Schema(nullable = true) Instant deliveredAt) {}
