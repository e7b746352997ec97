package com.amends.webhook;

import com.amends.event.EventSubscriber;
import com.amends.event.StoredEvent;
import com.amends.platform.Ids;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Queues, in the transaction that writes events, one delivery per enabled endpoint that wants
 * each of them: the deliveries exist exactly when their events do. The endpoints come from a
 * short-lived copy, so an event costs no query of its own; with none registered, nothing at all.
 */
public final class WebhookFanOut implements EventSubscriber {
    static final String DELIVERY_PREFIX = "whd";
    /** Rows per INSERT: one statement for a campaign chunk's events, yet of a size the databases like. */
    private static final int ROWS_PER_STATEMENT = 500;

    private final WebhookEndpoints endpoints;
    private final DeliveryDao dao;
    private final Ids ids;
    private final Clock clock;

    public WebhookFanOut(Transactor transactor, WebhookEndpoints endpoints, Ids ids, Clock clock) {
        this.endpoints = endpoints;
        this.dao = transactor.onDemand(DeliveryDao.class);
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public void written(Tx tx, List<StoredEvent> events) {
        tx.requireOpen();
        List<EndpointRow> enabled = endpoints.enabled();
        if (enabled.isEmpty() || events.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<DeliveryDao.QueuedRow> rows = new ArrayList<>();
        for (StoredEvent event : events) {
            for (EndpointRow endpoint : enabled) {
                if (endpoint.wants(event.type())) {
                    rows.add(DeliveryDao.QueuedRow.of(queued(endpoint.id(), event.seq(), event.id(),
                            event.customerId(), now)));
                }
            }
        }
        insert(rows);
    }

    NewDelivery queued(String endpointId, long eventSeq, String eventId, String customerId, Instant now) {
        return new NewDelivery(ids.next(DELIVERY_PREFIX), endpointId, eventSeq, eventId,
                customerId == null ? "" : customerId, now);
    }

    void insert(List<DeliveryDao.QueuedRow> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            dao.insertAll(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
        }
    }

    /** Events a pending delivery still needs are kept: a delivery is never left without its body. */
    @Override
    public OptionalLong oldestNeeded(Tx tx) {
        tx.requireOpen();
        return dao.oldestPendingSeq().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public void forget(Tx tx, long seq) {
        tx.requireOpen();
        dao.forgetAttempts(seq);
        dao.forget(seq);
    }
}
