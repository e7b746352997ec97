package com.amends.webhook;

import com.amends.event.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A row of {@code webhook_endpoints}. {@code eventTypes} is comma-separated wire names, null for all. */
public record EndpointRow(String id, String url, String description, String eventTypes, boolean enabled,
                   String disabledReason, String secret, String previousSecret, Instant previousSecretUntil,
                   Instant failingSince, Instant createdAt, Instant updatedAt) {

    boolean wants(EventType type) {
        return eventTypes == null || Arrays.asList(eventTypes.split(",")).contains(type.wire());
    }

    /** The secrets a delivery made at {@code now} is signed with: the new one first. */
    List<String> liveSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(List.of(secret));
        if (previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    EndpointView view(String shownSecret) {
        List<String> types = eventTypes == null ? List.of() : List.of(eventTypes.split(","));
        return new EndpointView(id, url, description, types, enabled, disabledReason, failingSince,
                previousSecretUntil, createdAt, updatedAt, shownSecret);
    }
}
