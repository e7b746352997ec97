package com.amends.webhook;

import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import com.amends.testing.WebhookReceiver;
import com.amends.testing.WebhookReceiver.Received;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Deliveries go out by themselves, as in production, without the admin task the other tests run. */
@Tag("http")
class WebhookBackgroundWorkerApiTest {
    @ParameterizedTest
    @MethodSource("com.amends.testing.Servers#databases")
    void shouldDeliverOnTheWorkersOwnSchedule(Supplier<TestDatabase> database) {
        try (TestServer server = new TestServer(database.get()).setting("webhooks.workerInterval", "100 milliseconds")
                .start();
             WebhookReceiver receiver = WebhookReceiver.start(null, server.clock())) {
            JsonNode created = server.as(Role.ADMIN).post("/v1/webhook-endpoints", Map.of("url", receiver.url()))
                    .expect(201);
            receiver.secret(created.path("secret").asText());
            String customer = newCustomer();
            server.as(Role.AGENT).post("/v1/grants", pointsGrant(customer, 100)).expect(201);
            // The schedule's first passes ran before the grant: later ones must still come.
            List<Received> got = receiver.awaitRequests(1, Duration.ofSeconds(10));
            assertThat(got.get(0).signatureValid()).isTrue();
            assertThat(got.get(0).body()).contains(customer);
        }
    }
}
