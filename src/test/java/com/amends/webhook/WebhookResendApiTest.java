package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.Api;
import com.amends.testing.WebhookReceiver;
import com.amends.testing.WebhookReceiver.Answer;
import com.amends.testing.WebhookReceiver.Received;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** What admins do with deliveries: rotate the secret, recover, redeliver, ping, read the metrics. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class WebhookResendApiTest extends ReceiverFixture {
    @Test
    void shouldSignWithBothSecretsDuringTheOverlap_AndWithTheNewOneAfter() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        String endpoint = register(r);
        String oldSecret = admin.get("/v1/webhook-endpoints/" + endpoint).expect(200).path("secret").asText(null);
        assertThat(oldSecret).isNull(); // never shown again
        String created = server.jdbi().withHandle(h -> h.createQuery("SELECT secret FROM webhook_endpoints WHERE id = :id")
                .bind("id", endpoint).mapTo(String.class).one());
        JsonNode rotated = admin.post("/v1/webhook-endpoints/" + endpoint + "/rotate-secret", Map.of()).expect(200);
        String newSecret = rotated.path("secret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(created);
        assertThat(admin.get("/v1/webhook-endpoints/" + endpoint).expect(200).toString()).doesNotContain("whsec_");

        Outbox.queue(server, "grant.issued", "cust-r");
        Outbox.deliver(server);
        Received during = r[0].awaitRequests(1, WAIT).get(0);
        assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(matches(created, during)).isTrue();
        assertThat(matches(newSecret, during)).isTrue();

        server.clock().advance(Duration.ofHours(24).plusSeconds(1));
        Outbox.queue(server, "grant.issued", "cust-r");
        Outbox.deliver(server);
        Received after = r[0].awaitRequests(2, WAIT).get(1);
        assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
        assertThat(matches(newSecret, after)).isTrue();
        assertThat(matches(created, after)).isFalse();
    }

    static boolean matches(String secret, Received got) {
        return WebhookSignature.matches(secret, got.webhookId(), got.timestamp(), got.body(),
                got.header("webhook-signature"));
    }

    @Test
    void shouldGiveUpAfterTheSchedule_AndSendAgainOnRecovery() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        String endpoint = register(r);
        r[0].answer(Answer.status(503).times(8), Answer.status(200));
        String since = server.clock().instant().toString();
        String event = Outbox.queue(server, "grant.issued", "cust-g");

        Outbox.deliver(server);
        for (Duration step : RetrySchedule.DEFAULT_DELAYS) {
            server.clock().advance(step);
            Outbox.deliver(server);
        }
        assertThat(r[0].received()).hasSize(8);
        assertThat(delivery(endpoint, event).path("status").asText()).isEqualTo("failed");
        assertThat(admin.get("/v1/webhook-endpoints/" + endpoint + "/deliveries?status=failed").expect(200)
                .path("data")).hasSize(1);

        JsonNode recovered = admin.post("/v1/webhook-endpoints/" + endpoint + "/recover?since=" + since, Map.of())
                .expect(200);
        assertThat(recovered.path("queued").asInt()).isEqualTo(1);
        Outbox.deliver(server);
        assertThat(r[0].received()).hasSize(9).allSatisfy(g -> assertThat(g.webhookId()).isEqualTo(event));
        assertThat(delivery(endpoint, event).path("status").asText()).isEqualTo("delivered");
    }

    @Test
    void shouldRedeliverAnEventOnce_LeavingAPendingDeliveryAlone() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        String endpoint = register(r);
        String event = Outbox.queue(server, "grant.issued", "cust-d");
        JsonNode again = admin.post("/v1/events/" + event + "/redeliver", Map.of()).expect(200);
        assertThat(again.path("queued").asInt()).isZero();
        Outbox.deliver(server);
        JsonNode third = admin.post("/v1/events/" + event + "/redeliver", Map.of("endpoint_id", endpoint)).expect(200);
        assertThat(third.path("queued").asInt()).isEqualTo(1);
        assertThat(third.path("deliveries").get(0).path("status").asText()).isEqualTo("pending");
        Outbox.deliver(server);
        assertThat(r[0].received()).hasSize(2).allSatisfy(g -> assertThat(g.webhookId()).isEqualTo(event));
    }

    @Test
    void shouldPingAnEndpoint_SignedAndAnsweredAtOnce() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        String endpoint = register(r);
        JsonNode ping = admin.post("/v1/webhook-endpoints/" + endpoint + "/ping", Map.of()).expect(200);
        assertThat(ping.path("delivered").asBoolean()).isTrue();
        assertThat(ping.path("status").asInt()).isEqualTo(200);
        Received got = r[0].received().get(0);
        assertThat(got.signatureValid()).isTrue();
        assertThat(Api.parse(got.body()).path("type").asText()).isEqualTo("webhook.ping");

        r[0].answer(Answer.status(500));
        ping = admin.post("/v1/webhook-endpoints/" + endpoint + "/ping", Map.of()).expect(200);
        assertThat(ping.path("delivered").asBoolean()).isFalse();
        assertThat(ping.path("status").asInt()).isEqualTo(500);
    }

    @Test
    void shouldCountDeliveriesOnTheAdminPort() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        String endpoint = register(r);
        r[0].answer(Answer.status(500));
        Outbox.queue(server, "grant.issued", "cust-m");
        Outbox.deliver(server);
        server.clock().advance(Duration.ofSeconds(30));
        JsonNode metrics = server.adminPort().get("/metrics").expect(200);
        assertThat(metrics.path("meters").path("webhooks.deliveries.retrying").path("count").asLong()).isPositive();
        assertThat(metrics.path("gauges").path("webhooks.deliveries.oldest-pending-seconds").path("value")
                .path(endpoint).asLong()).isEqualTo(30);
    }
}
