package com.amends.webhook;

import com.amends.event.EventType;
import com.amends.platform.ApiException;
import com.amends.platform.Cursor;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Page;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What an admin does with deliveries: look at them, queue them again, and test an endpoint. */
public final class Resends {
    private final DeliveryDao dao;
    private final EventDao events;
    private final WebhookEndpoints endpoints;
    private final WebhookFanOut fanOut;
    private final WebhookSender sender;
    private final ObjectMapper mapper;
    private final Ids ids;
    private final Clock clock;

    /** The few columns of an event that queuing needs; the events feed is the event package's. */
    public interface EventDao {
        @SqlQuery("SELECT seq, type, customer_id FROM events WHERE id = :id")
        @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(EventKey.class)
        Optional<EventKey> find(String id);

        /**
         * Events since {@code since} that the endpoint has no delivery of: written while it was
         * disabled. The ordering key (the customer) lets the queue's index find each event's delivery.
         */
        @SqlQuery("""
                SELECT e.seq, e.id, e.type, e.customer_id FROM events e
                 WHERE e.created_at >= :since
                   AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                                    WHERE d.endpoint_id = :endpointId AND d.ordering_key = COALESCE(e.customer_id, '')
                                      AND d.event_seq = e.seq)
                 ORDER BY e.seq
                """)
        @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(MissedEvent.class)
        List<MissedEvent> missed(String endpointId, Instant since);
    }

    public record EventKey(long seq, String type, String customerId) {}

    public record MissedEvent(long seq, String id, String type, String customerId) {}

    public Resends(Transactor transactor, WebhookEndpoints endpoints, WebhookFanOut fanOut, WebhookSender sender,
                   ObjectMapper mapper, Ids ids, Clock clock) {
        this.dao = transactor.onDemand(DeliveryDao.class);
        this.events = transactor.onDemand(EventDao.class);
        this.endpoints = endpoints;
        this.fanOut = fanOut;
        this.sender = sender;
        this.mapper = mapper;
        this.ids = ids;
        this.clock = clock;
    }

    public Page<DeliveryView> deliveries(String endpointId, String status, int limit, String cursor) {
        endpoints.row(endpointId);
        String before = Optional.ofNullable(Cursor.decode(cursor)).orElse("~");
        DeliveryStatus wanted = status == null ? null : DeliveryStatus.fromQuery(status);
        return Page.of(dao.list(endpointId, wanted == null ? "" : "AND d.status = :status",
                wanted == null ? null : wanted.wire(), before, limit + 1), limit, DeliveryRow::id, DeliveryRow::view);
    }

    /**
     * The endpoint's failed deliveries of events since {@code since} go out again, each on a fresh
     * schedule, and so do the events it wants that were written while it was disabled (none was
     * queued to it then), but none from before it existed.
     */
    public QueuedView recover(Tx tx, String endpointId, Instant since) {
        tx.requireOpen();
        EndpointRow endpoint = endpoints.row(endpointId);
        Instant now = clock.instant();
        int failed = dao.recover(endpointId, since, now);
        Instant from = since.isAfter(endpoint.createdAt()) ? since : endpoint.createdAt();
        List<DeliveryDao.QueuedRow> missed = new ArrayList<>();
        for (MissedEvent event : events.missed(endpointId, from)) {
            Optional<EventType> type = EventType.fromWire(event.type());
            if (type.isPresent() && endpoint.wants(type.get())) {
                missed.add(DeliveryDao.QueuedRow.of(fanOut.queued(endpointId, event.seq(), event.id(),
                        event.customerId(), now)));
            }
        }
        fanOut.insert(missed);
        return new QueuedView(failed + missed.size(), List.of());
    }

    /**
     * The event once more to every enabled endpoint that wants it, or to the one named; an endpoint
     * that has it pending already gets nothing more.
     */
    public QueuedView redeliver(Tx tx, String eventId, String endpointId) {
        tx.requireOpen();
        EventKey event = events.find(eventId)
                .orElseThrow(() -> new ApiException(ErrorCode.EVENT_NOT_FOUND, "No event " + eventId));
        List<String> targets = new ArrayList<>();
        if (endpointId != null) {
            targets.add(endpoints.row(endpointId).id());
        } else {
            Optional<EventType> type = EventType.fromWire(event.type());
            for (EndpointRow endpoint : endpoints.enabled()) {
                if (type.isPresent() && endpoint.wants(type.get())) {
                    targets.add(endpoint.id());
                }
            }
        }
        targets.removeAll(dao.pendingOfEvent(eventId));
        if (targets.isEmpty()) {
            return new QueuedView(0, List.of());
        }
        Instant now = clock.instant();
        List<DeliveryDao.QueuedRow> rows = targets.stream()
                .map(target -> DeliveryDao.QueuedRow.of(fanOut.queued(target, event.seq(), eventId, event.customerId(), now)))
                .toList();
        fanOut.insert(rows);
        List<DeliveryView> queued = dao.byIds(rows.stream().map(DeliveryDao.QueuedRow::id).toList()).stream()
                .map(DeliveryRow::view).toList();
        return new QueuedView(queued.size(), queued);
    }

    /** A signed test message, sent now and not queued: the answer says what the endpoint did. */
    public PingView ping(String endpointId) {
        EndpointRow endpoint = endpoints.row(endpointId);
        Instant now = clock.instant();
        String id = ids.next("evt");
        ObjectNode body = mapper.createObjectNode();
        body.put("id", id);
        body.put("type", "webhook.ping");
        body.put("created_at", now.toString());
        body.putObject("data").putObject("object").put("endpoint_id", endpoint.id());
        SendOutcome outcome = sender.send(endpoint.url(), id, body.toString(), endpoint.liveSecrets(now));
        return new PingView(outcome.delivered(), outcome.kind() == SendOutcome.Kind.ANSWERED ? outcome.status() : null,
                outcome.delivered() ? null : outcome.detail(), outcome.elapsed().toMillis());
    }
}
