package com.amends.webhook;

import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The other webhook tests send by calling the task; production relies on the server's own
 * schedule, which once stopped after its first turn and delivered nothing.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class WebhookWorkerScheduleApiTest extends OwnServerFixture {
    @Test
    void shouldDeliverOnItsOwnSchedule_WithoutAnyoneCallingTheTask() {
        server.setting("webhooks.workerInterval", "100 milliseconds");
        try (WebhookReceiver receiver = WebhookReceiver.start(null, server.clock())) {
            JsonNode endpoint = server.as(Role.ADMIN).post("/v1/webhook-endpoints", Map.of("url", receiver.url()))
                    .expect(201);
            receiver.secret(endpoint.path("secret").asText());
            JsonNode first = server.as(Role.AGENT).post("/v1/grants", pointsGrant(newCustomer(), 10)).expect(201);
            receiver.awaitRequests(1, Duration.ofSeconds(20));
            // Later turns deliver too, not only the first one after the start.
            JsonNode second = server.as(Role.AGENT).post("/v1/grants", pointsGrant(newCustomer(), 20)).expect(201);
            var received = receiver.awaitRequests(2, Duration.ofSeconds(20));

            assertThat(received).allMatch(WebhookReceiver.Received::signatureValid);
            assertThat(received).extracting(r -> r.body().contains(first.path("id").asText())
                    || r.body().contains(second.path("id").asText())).containsOnly(true);
        }
    }
}
