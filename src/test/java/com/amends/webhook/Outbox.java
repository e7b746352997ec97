package com.amends.webhook;

import com.amends.testing.Reply;
import com.amends.testing.TestServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events for webhook tests, written straight into the outbox table and queued to the endpoints
 * that want them through the redeliver operation, as the fan-out would queue them.
 */
final class Outbox {
    private Outbox() {}

    /** Writes an event and answers its id. */
    static String write(TestServer server, String type, String customerId) {
        String id = "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
        Instant now = server.clock().instant();
        String payload = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"created_at\":\"" + now + "\","
                + "\"data\":{\"object\":{\"customer_id\":" + (customerId == null ? "null" : "\"" + customerId + "\"")
                + ",\"note\":\"caf\u00e9 \u2713\"}},\"customer_id\":"
                + (customerId == null ? "null" : "\"" + customerId + "\"") + "}";
        server.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO events (id, type, customer_id, created_at, payload)
                        VALUES (:id, :type, :customerId, :createdAt, :payload)
                        """)
                .bind("id", id).bind("type", type).bind("customerId", customerId).bind("createdAt", now)
                .bind("payload", payload).execute());
        return id;
    }

    static String customerOf(String payload) {
        return com.amends.testing.Api.parse(payload).path("customer_id").asText();
    }

    static String payload(TestServer server, String eventId) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT payload FROM events WHERE id = :id")
                .bind("id", eventId).mapTo(String.class).one());
    }

    /** Writes an event and queues it to every enabled endpoint that wants it. */
    static String queue(TestServer server, String type, String customerId) {
        String id = write(server, type, customerId);
        server.as(com.amends.auth.Role.ADMIN).post("/v1/events/" + id + "/redeliver", Map.of()).expect(200);
        return id;
    }

    /** One pass of the delivery worker, answered when it is done. */
    static Reply deliver(TestServer server) {
        Reply reply = server.adminPort().raw("POST", "/tasks/deliver-webhooks", null, "");
        if (reply.status() != 200) {
            throw new AssertionError("deliver-webhooks answered " + reply.status() + ": " + reply.text());
        }
        return reply;
    }

    static List<String> statuses(TestServer server, String endpointId) {
        return server.jdbi().withHandle(h -> h.createQuery(
                        "SELECT status FROM webhook_deliveries WHERE endpoint_id = :id ORDER BY event_seq")
                .bind("id", endpointId).mapTo(String.class).list());
    }
}
