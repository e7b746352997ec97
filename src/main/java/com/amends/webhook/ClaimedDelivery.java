package com.amends.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A delivery this instance claimed, with what sending it needs.
 *
 * @param attempts attempts made since it was last queued (what the retry schedule counts)
 * @param attemptsRecorded attempts ever recorded for it (the next one's number follows)
 */
public record ClaimedDelivery(String id, String endpointId, int attempts, int attemptsRecorded, String eventId,
                       String payload, String url, String secret, String previousSecret,
                       Instant previousSecretUntil) {

    List<String> liveSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(List.of(secret));
        if (previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }
}
