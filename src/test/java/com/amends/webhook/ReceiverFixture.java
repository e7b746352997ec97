package com.amends.webhook;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A server of its own, and receivers registered as its endpoints; each test starts with none. */
abstract class ReceiverFixture extends OwnServerFixture {
    static final Duration WAIT = Duration.ofSeconds(10);

    protected Api admin;
    protected final List<WebhookReceiver> receivers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        admin = server.as(Role.ADMIN);
    }

    @AfterEach
    void tearDown() {
        receivers.forEach(WebhookReceiver::close);
        // Each test starts with no endpoint, so events it writes go only to its own.
        server.jdbi().useHandle(h -> {
            h.execute("DELETE FROM webhook_attempts");
            h.execute("DELETE FROM webhook_deliveries");
            h.execute("DELETE FROM webhook_endpoints");
        });
    }

    /** A receiver with an endpoint registered for it; answers the endpoint's id. */
    String register(WebhookReceiver[] holder) {
        WebhookReceiver receiver = WebhookReceiver.start(null, server.clock());
        receivers.add(receiver);
        JsonNode created = admin.post("/v1/webhook-endpoints", Map.of("url", receiver.url())).expect(201);
        receiver.secret(created.path("secret").asText());
        holder[0] = receiver;
        return created.path("id").asText();
    }

    JsonNode delivery(String endpointId, String eventId) {
        for (JsonNode d : admin.get("/v1/webhook-endpoints/" + endpointId + "/deliveries?limit=100").expect(200).path("data")) {
            if (d.path("event_id").asText().equals(eventId)) {
                return d;
            }
        }
        throw new AssertionError("no delivery of " + eventId);
    }

}
