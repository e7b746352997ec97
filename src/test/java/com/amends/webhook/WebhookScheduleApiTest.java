package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.WebhookReceiver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The worker as production runs it: on its schedule, nobody calling the task. The other tests
 * send with the task, which reaches the worker from inside this package, so they cannot see the
 * schedule itself failing.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class WebhookScheduleApiTest extends OwnServerFixture {
    @Test
    void shouldDeliverOnItsOwnSchedule_WithoutTheTask() {
        // Before the server starts: the first request starts it.
        server.setting("webhooks.workerInterval", "200ms");
        try (WebhookReceiver receiver = WebhookReceiver.start(null, server.clock())) {
            server.as(Role.ADMIN).post("/v1/webhook-endpoints", Map.of("url", receiver.url())).expect(201);
            String event = Outbox.queue(server, "grant.issued", "cust-scheduled");

            assertThat(receiver.awaitRequests(1, Duration.ofSeconds(10)))
                    .extracting(WebhookReceiver.Received::webhookId).containsExactly(event);
        }
    }
}
