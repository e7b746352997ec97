package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.WebhookReceiver;
import com.amends.testing.WebhookReceiver.Answer;
import com.amends.testing.WebhookReceiver.Received;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Deliveries to a real receiver, with the clock moved through the retry schedule: servers of their own. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class WebhookDeliveryApiTest extends ReceiverFixture {
    @Test
    void shouldDeliverTheEventsPayloadByteForByte_SignedWithTheEventIdAsWebhookId() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        String endpoint = register(r);
        String event = Outbox.queue(server, "grant.issued", "cust-1");

        Outbox.deliver(server);

        Received got = r[0].awaitRequests(1, WAIT).get(0);
        assertThat(got.signatureValid()).isTrue();
        assertThat(got.webhookId()).isEqualTo(event);
        assertThat(got.body()).isEqualTo(Outbox.payload(server, event));
        assertThat(got.timestamp()).isEqualTo(server.clock().instant().getEpochSecond());
        JsonNode d = delivery(endpoint, event);
        assertThat(d.path("status").asText()).isEqualTo("delivered");
        assertThat(d.path("attempts").asInt()).isEqualTo(1);
        assertThat(d.path("last_response_status").asInt()).isEqualTo(200);
        assertThat(d.path("event_type").asText()).isEqualTo("grant.issued");
    }

    @Test
    void shouldRetryA500AndA429OnTheSchedule_HonouringRetryAfter_WithOneWebhookId() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        String endpoint = register(r);
        r[0].answer(Answer.status(500), Answer.status(429).header("Retry-After", "600"), Answer.status(200));
        String event = Outbox.queue(server, "grant.issued", "cust-2");

        Outbox.deliver(server);
        assertThat(r[0].received()).hasSize(1);
        JsonNode d = delivery(endpoint, event);
        assertThat(d.path("status").asText()).isEqualTo("pending");
        assertThat(d.path("last_response_status").asInt()).isEqualTo(500);
        assertThat(d.path("next_attempt_at").asText()).isEqualTo(server.clock().instant().plusSeconds(5).toString());

        Outbox.deliver(server); // not due yet
        assertThat(r[0].received()).hasSize(1);
        server.clock().advance(Duration.ofSeconds(5));
        Outbox.deliver(server);
        assertThat(r[0].received()).hasSize(2);
        // The schedule's second step is 5 minutes; the endpoint asked for 10.
        assertThat(delivery(endpoint, event).path("next_attempt_at").asText())
                .isEqualTo(server.clock().instant().plusSeconds(600).toString());
        server.clock().advance(Duration.ofMinutes(5));
        Outbox.deliver(server);
        assertThat(r[0].received()).hasSize(2);
        server.clock().advance(Duration.ofMinutes(5));
        Outbox.deliver(server);

        List<Received> got = r[0].received();
        assertThat(got).hasSize(3).allSatisfy(g -> {
            assertThat(g.webhookId()).isEqualTo(event);
            assertThat(g.signatureValid()).isTrue();
        });
        assertThat(got.get(2).timestamp()).isGreaterThan(got.get(0).timestamp());
        d = delivery(endpoint, event);
        assertThat(d.path("status").asText()).isEqualTo("delivered");
        assertThat(d.path("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void shouldRetryATimeout() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        String endpoint = register(r);
        r[0].answer(Answer.status(200).after(Duration.ofSeconds(4)), Answer.status(200));
        String event = Outbox.queue(server, "grant.issued", "cust-3");

        Outbox.deliver(server);
        JsonNode d = delivery(endpoint, event);
        assertThat(d.path("status").asText()).isEqualTo("pending");
        assertThat(d.path("last_error").asText()).contains("no complete answer");
        server.clock().advance(Duration.ofSeconds(5));
        Outbox.deliver(server);
        assertThat(delivery(endpoint, event).path("status").asText()).isEqualTo("delivered");
    }

    @Test
    void shouldDisableTheEndpointWhenItAnswers410() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        String endpoint = register(r);
        r[0].answer(Answer.status(410));
        String event = Outbox.queue(server, "grant.issued", "cust-4");

        Outbox.deliver(server);

        assertThat(delivery(endpoint, event).path("status").asText()).isEqualTo("failed");
        JsonNode e = admin.get("/v1/webhook-endpoints/" + endpoint).expect(200);
        assertThat(e.path("enabled").asBoolean()).isFalse();
        assertThat(e.path("disabled_reason").asText()).contains("410");
        Outbox.queue(server, "grant.issued", "cust-4");
        Outbox.deliver(server);
        assertThat(r[0].received()).hasSize(1);
    }

    @Test
    void shouldHoldACustomersLaterEventWhileAnEarlierOneRetries_ButNotAnotherCustomers() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        register(r);
        r[0].answer(Answer.status(500), Answer.status(200));
        String first = Outbox.queue(server, "grant.issued", "cust-a");
        String second = Outbox.queue(server, "voucher.redeemed", "cust-a");

        Outbox.deliver(server);
        assertThat(r[0].received()).extracting(Received::webhookId).containsExactly(first);

        String other = Outbox.queue(server, "grant.issued", "cust-b");
        Outbox.deliver(server);
        assertThat(r[0].received()).extracting(Received::webhookId).containsExactly(first, other);

        server.clock().advance(Duration.ofSeconds(5));
        Outbox.deliver(server);
        assertThat(r[0].received()).extracting(Received::webhookId).containsExactly(first, other, first, second);
    }

    @Test
    void shouldNotLetASlowEndpointDelayAnother() throws Exception {
        WebhookReceiver[] slow = new WebhookReceiver[1];
        WebhookReceiver[] quick = new WebhookReceiver[1];
        register(slow);
        register(quick);
        // Longer than the test configuration's 2 s timeout: every attempt to it takes the whole timeout.
        slow[0].answer(Answer.status(200).after(Duration.ofMillis(2500)));
        int events = 4;
        for (int i = 0; i < events; i++) {
            Outbox.queue(server, "grant.issued", "cust-slow-" + i);
        }

        Thread pass = new Thread(() -> Outbox.deliver(server));
        long started = System.nanoTime();
        pass.start();
        quick[0].awaitRequests(events, Duration.ofSeconds(10));
        Duration quickTook = Duration.ofNanos(System.nanoTime() - started);
        pass.join(60_000);

        // The slow one takes its events two at a time (2 s each), the quick one all at once.
        assertThat(quickTook).isLessThan(Duration.ofMillis(1900));
        assertThat(slow[0].received()).hasSize(events);
    }

    @Test
    void shouldDisableAnEndpointFailingForFiveDays() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        String endpoint = register(r);
        r[0].answer(Answer.status(500));
        Outbox.queue(server, "grant.issued", "cust-f");
        Outbox.deliver(server);
        for (int day = 0; day < 5; day++) {
            server.clock().advance(Duration.ofDays(1).plusSeconds(1));
            Outbox.queue(server, "grant.issued", "cust-f-" + day);
            Outbox.deliver(server);
        }
        JsonNode e = admin.get("/v1/webhook-endpoints/" + endpoint).expect(200);
        assertThat(e.path("enabled").asBoolean()).isFalse();
        assertThat(e.path("disabled_reason").asText()).contains("5 days");
    }

    @Test
    void shouldTakeOverTheClaimOfAnInstanceThatDied_AfterItsLease() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        register(r);
        String event = Outbox.queue(server, "grant.issued", "cust-l");
        server.jdbi().useHandle(h -> h.createUpdate(
                        "UPDATE webhook_deliveries SET claimed_by = 'clm_dead', claimed_until = :until WHERE event_id = :id")
                .bind("until", server.clock().instant().plusSeconds(60)).bind("id", event).execute());

        Outbox.deliver(server);
        assertThat(r[0].received()).isEmpty();
        server.clock().advance(Duration.ofSeconds(61));
        Outbox.deliver(server);
        assertThat(r[0].received()).extracting(Received::webhookId).containsExactly(event);
    }
}
