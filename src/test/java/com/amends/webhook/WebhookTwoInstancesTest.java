package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.MutableClock;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import com.amends.testing.WebhookReceiver;
import com.amends.testing.WebhookReceiver.Received;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Two servers on one database deliver to one receiver: each event once, in order per customer. */
@Tag("http")
class WebhookTwoInstancesTest {
    @ParameterizedTest
    @MethodSource("com.amends.testing.Servers#databases")
    void shouldDeliverEachEventOnce_InOrderPerCustomer(Supplier<TestDatabase> database) {
        TestDatabase db = database.get();
        MutableClock clock = new MutableClock(MutableClock.START);
        try (TestServer one = new TestServer(db, clock).start();
             TestServer two = new TestServer(db, clock).start();
             WebhookReceiver receiver = WebhookReceiver.start(null, clock)) {
            JsonNode created = one.as(Role.ADMIN).post("/v1/webhook-endpoints", Map.of("url", receiver.url())).expect(201);
            receiver.secret(created.path("secret").asText());
            Map<String, List<String>> byCustomer = new LinkedHashMap<>();
            for (int round = 0; round < 3; round++) {
                for (int c = 0; c < 10; c++) {
                    String customer = "cust-" + c;
                    byCustomer.computeIfAbsent(customer, k -> new ArrayList<>())
                            .add(Outbox.queue(round % 2 == 0 ? one : two, "grant.issued", customer));
                }
            }

            CompletableFuture<?> first = CompletableFuture.runAsync(() -> Outbox.deliver(one));
            CompletableFuture<?> second = CompletableFuture.runAsync(() -> Outbox.deliver(two));
            CompletableFuture.allOf(first, second).join();
            Outbox.deliver(one); // whatever one of them left for the other's last round

            List<Received> got = receiver.awaitRequests(30, Duration.ofSeconds(10));
            assertThat(got).hasSize(30).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
            assertThat(got.stream().map(Received::webhookId).distinct().count()).isEqualTo(30);
            Map<String, List<String>> arrived = got.stream().collect(Collectors.groupingBy(
                    r -> Outbox.customerOf(r.body()), LinkedHashMap::new,
                    Collectors.mapping(Received::webhookId, Collectors.toList())));
            assertThat(arrived).isEqualTo(byCustomer);
        }
    }
}
