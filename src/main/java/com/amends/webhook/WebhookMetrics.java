package com.amends.webhook;

import com.amends.platform.Transactor;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Deliveries on the admin port's metrics: how many went out, failed, wait to be retried, and how far behind each endpoint is. */
final class WebhookMetrics {
    private final Meter delivered;
    private final Meter retrying;
    private final Meter failed;

    WebhookMetrics(MetricRegistry registry, Transactor transactor, Clock clock) {
        this.delivered = registry.meter("webhooks.deliveries.sent");
        this.retrying = registry.meter("webhooks.deliveries.retrying");
        this.failed = registry.meter("webhooks.deliveries.failed");
        DeliveryDao dao = transactor.onDemand(DeliveryDao.class);
        // One gauge whose value is a map, since endpoints come and go while the server runs.
        registry.gauge("webhooks.deliveries.oldest-pending-seconds", () -> (Gauge<Map<String, Long>>) () -> {
            Map<String, Long> ages = new TreeMap<>();
            dao.oldestPending().forEach((endpoint, since) ->
                    ages.put(endpoint, Math.max(0, Duration.between(since, clock.instant()).toSeconds())));
            return ages;
        });
    }

    void recorded(int delivered, int retrying, int failed) {
        this.delivered.mark(delivered);
        this.retrying.mark(retrying);
        this.failed.mark(failed);
    }
}
