package com.amends.webhook;

import java.time.Instant;

/** A delivery as its list shows it; {@code eventType} is null once the event was pruned. */
public record DeliveryRow(String id, String endpointId, String eventId, String eventType, DeliveryStatus status,
                   int attempts, Integer lastStatus, String lastError, Instant lastAttemptAt, Instant nextAttemptAt,
                   Instant createdAt, Instant deliveredAt) {

    DeliveryView view() {
        return new DeliveryView(id, endpointId, eventId, eventType, status, attempts, lastStatus, lastError,
                lastAttemptAt, status == DeliveryStatus.PENDING ? nextAttemptAt : null, createdAt, deliveredAt);
    }
}
