package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amends.event.EventType;
import com.amends.event.StoredEvent;
import com.amends.platform.Ids;
import com.amends.platform.Transactor;
import com.amends.testing.OwnServerFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The fan-out in the transaction that writes events, over SQL alone (the server only provides the migrated database). */
@Tag("database")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class WebhookFanOutTest extends OwnServerFixture {
    Transactor transactor;
    WebhookEndpoints endpoints;
    WebhookFanOut fanOut;
    Instant now;

    @BeforeEach
    void setUp() {
        transactor = new Transactor(server.jdbi());
        now = server.clock().instant();
        Ids ids = new Ids(server.clock());
        endpoints = new WebhookEndpoints(transactor, new EndpointGuard(EndpointGuard.Resolver.SYSTEM, true), ids,
                server.clock(), Duration.ofHours(24), Duration.ofHours(1));
        fanOut = new WebhookFanOut(transactor, endpoints, ids, server.clock());
        server.jdbi().useHandle(h -> {
            h.execute("DELETE FROM webhook_deliveries");
            h.execute("DELETE FROM webhook_endpoints");
        });
    }

    void endpoint(String id, String types, boolean enabled) {
        server.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO webhook_endpoints (id, url, event_types, enabled, secret, created_at, updated_at)
                        VALUES (:id, 'https://example.com/', :types, :enabled, 'whsec_x', :now, :now)
                        """)
                .bind("id", id).bind("types", types).bind("enabled", enabled).bind("now", now).execute());
    }

    StoredEvent event(long seq, EventType type, String customer) {
        return new StoredEvent(seq, "evt_" + seq, type, customer, null, now, "{}");
    }

    List<String> deliveries() {
        return server.jdbi().withHandle(h -> h.createQuery("""
                        SELECT endpoint_id || ':' || event_id || ':' || ordering_key || ':' || status
                          FROM webhook_deliveries ORDER BY endpoint_id, event_seq
                        """).mapTo(String.class).list());
    }

    @Test
    void shouldQueueOneDeliveryPerEnabledEndpointThatWantsTheEvent() {
        endpoint("whe_all", null, true);
        endpoint("whe_redeemed", "points.redeemed,voucher.redeemed", true);
        endpoint("whe_off", null, false);

        transactor.run(tx -> fanOut.written(tx, List.of(event(1, EventType.GRANT_ISSUED, "cust-1"),
                event(2, EventType.VOUCHER_REDEEMED, null))));

        assertThat(deliveries()).containsExactly(
                "whe_all:evt_1:cust-1:pending", "whe_all:evt_2::pending", "whe_redeemed:evt_2::pending");
    }

    @Test
    void shouldQueueNothingWhenTheEventsRollBack() {
        endpoint("whe_all", null, true);
        assertThatThrownBy(() -> transactor.run(tx -> {
            fanOut.written(tx, List.of(event(1, EventType.GRANT_ISSUED, "cust-1")));
            throw new IllegalStateException("the change failed");
        })).hasMessage("the change failed");
        assertThat(deliveries()).isEmpty();
    }

    @Test
    void shouldQueueNothingWithoutEndpoints() {
        transactor.run(tx -> fanOut.written(tx, List.of(event(1, EventType.GRANT_ISSUED, "cust-1"))));
        assertThat(deliveries()).isEmpty();
    }

    @Test
    void shouldReadEndpointsAnewOnlyAfterAChangeHere() {
        endpoint("whe_a", null, true);
        transactor.run(tx -> fanOut.written(tx, List.of(event(1, EventType.GRANT_ISSUED, "c"))));
        endpoint("whe_b", null, true); // as another instance would: this one's copy does not know yet
        transactor.run(tx -> fanOut.written(tx, List.of(event(2, EventType.GRANT_ISSUED, "c"))));
        endpoints.changed();
        transactor.run(tx -> fanOut.written(tx, List.of(event(3, EventType.GRANT_ISSUED, "c"))));

        assertThat(deliveries()).containsExactly("whe_a:evt_1:c:pending", "whe_a:evt_2:c:pending",
                "whe_a:evt_3:c:pending", "whe_b:evt_3:c:pending");
    }

    @Test
    void shouldQueueAManyEventChunkInFewStatements() {
        endpoint("whe_a", null, true);
        List<StoredEvent> many = new java.util.ArrayList<>();
        for (int i = 1; i <= 1200; i++) {
            many.add(event(i, EventType.GRANT_ISSUED, "c" + i));
        }
        transactor.run(tx -> fanOut.written(tx, many));
        assertThat(deliveries()).hasSize(1200);
    }

    @Test
    void shouldKeepTheEventsOfPendingDeliveries_AndForgetTheOldOnes() {
        endpoint("whe_a", null, true);
        transactor.run(tx -> fanOut.written(tx, List.of(event(5, EventType.GRANT_ISSUED, "c"),
                event(6, EventType.GRANT_ISSUED, "d"))));
        OptionalLong oldest = transactor.inTransaction(tx -> fanOut.oldestNeeded(tx));
        assertThat(oldest).hasValue(5);
        transactor.run(tx -> fanOut.forget(tx, 5));
        assertThat(deliveries()).containsExactly("whe_a:evt_6:d:pending");
        transactor.run(tx -> fanOut.forget(tx, 6));
        OptionalLong none = transactor.inTransaction(tx -> fanOut.oldestNeeded(tx));
        assertThat(none).isEmpty();
    }
}
