package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.Plans;
import com.amends.testing.TestServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A claim of due deliveries reads them in the order it claims them: sorting every pending delivery
 * for each claim made a campaign's 20,000 deliveries cost H2 most of the worker's time.
 */
@Tag("database")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class DueDeliveriesPlanTest {
    @Parameter
    TestServer server;

    @Test
    void dueDeliveries_ShouldBeReadInClaimOrderThroughTheDueIndexWithoutASort() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        String plan = Plans.explain(server, handle -> handle.attach(DeliveryDao.class).due(now, List.of("-"), 200),
                new Object(), Map.of("now", now, "__busy_0", "-", "limit", 200));

        assertThat(Plans.reads(plan, "webhook_deliveries_due")).as("reads webhook_deliveries_due: %s", plan).isTrue();
        assertThat(Plans.sorts(server, plan)).as("sorts: %s", plan).isFalse();
    }
}
