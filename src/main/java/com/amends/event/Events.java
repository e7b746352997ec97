package com.amends.event;

import com.amends.audit.RequestContext;
import com.amends.platform.ApiException;
import com.amends.platform.CredentialMask;
import com.amends.platform.Cursor;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Json;
import com.amends.platform.Page;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outbox: every change writes its events here, in its own transaction, so an event exists
 * exactly when its change committed. The subscriber (the webhook deliveries) is told in that same
 * transaction. The feed reads them oldest first.
 */
public final class Events {
    public static final String API_VERSION = "2026-11-30";
    private static final int PRUNE_CHUNK = 1_000;

    private final Transactor transactor;
    private final EventDao dao;
    private final EventSubscriber subscriber;
    private final CredentialMask credentials;
    private final ObjectMapper mapper;
    private final Ids ids;
    private final Clock clock;

    public Events(Transactor transactor, EventSubscriber subscriber, CredentialMask credentials, ObjectMapper mapper,
                  Ids ids, Clock clock) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(EventDao.class);
        this.subscriber = subscriber;
        this.credentials = credentials;
        this.mapper = mapper;
        this.ids = ids;
        this.clock = clock;
    }

    /** One event about {@code object}, the resource as the API shows it. */
    public void record(Tx tx, EventType type, String customerId, Object object) {
        recordAll(tx, List.of(NewEvent.of(type, customerId, object)));
    }

    public void recordAll(Tx tx, List<NewEvent> events) {
        tx.requireOpen();
        if (events.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String requestId = RequestContext.current().requestId();
        List<EventDao.NewRow> rows = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            String id = ids.next("evt");
            ObjectNode data = mapper.createObjectNode();
            data.set("object", mapper.valueToTree(event.object()));
            if (event.message() != null) {
                data.set("message", mapper.valueToTree(event.message()));
            }
            EventView view = new EventView(id, event.type(), now, API_VERSION, data, event.customerId(), requestId);
            rows.add(new EventDao.NewRow(id, event.type().wire(), event.customerId(), requestId, now,
                    Json.write(mapper, view)));
        }
        long[] seqs = dao.insertAll(rows);
        List<StoredEvent> stored = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            EventDao.NewRow row = rows.get(i);
            stored.add(new StoredEvent(seqs[i], row.id(), events.get(i).type(), row.customerId(), requestId, now,
                    row.payload()));
        }
        subscriber.written(tx, stored);
    }

    /**
     * The feed, oldest first. Unlike other lists it does not end: {@code next_cursor} is where
     * the next page starts whenever this one has events, so a consumer follows the feed by asking
     * again with it; an empty page means nothing has happened since.
     */
    public Page<EventView> list(List<EventType> types, String customerId, Instant from, Instant to, int limit,
                                String cursor, boolean maskCredentials) {
        long after = Optional.ofNullable(Cursor.decode(cursor)).map(Events::position).orElse(0L);
        EventFilter filter = new EventFilter(types, customerId, from, to);
        List<StoredEvent> rows = dao.list(filter.conditions(), filter.order(), filter, after, limit);
        List<EventView> views = rows.stream().map(row -> view(row, maskCredentials)).toList();
        String next = rows.isEmpty() ? null : Cursor.encode(Long.toString(rows.get(rows.size() - 1).seq()));
        return new Page<>(views, next);
    }

    public EventView get(String id, boolean maskCredentials) {
        return dao.find(id).map(row -> view(row, maskCredentials))
                .orElseThrow(() -> new ApiException(ErrorCode.EVENT_NOT_FOUND, "No event " + id));
    }

    public Optional<StoredEvent> find(String id) {
        return dao.find(id);
    }

    /**
     * Deletes events older than the retention, in chunks of their own transactions, keeping any
     * that a delivery still waits to make. Answers how many went.
     */
    public int prune(Duration retention) {
        Instant before = clock.instant().minus(retention);
        int deleted = 0;
        for (int n = -1; n != 0; deleted += n) {
            n = transactor.inTransaction(tx -> {
                Optional<Long> last = dao.lastSeqBefore(before);
                if (last.isEmpty()) {
                    return 0;
                }
                long upTo = last.get();
                var needed = subscriber.oldestNeeded(tx);
                if (needed.isPresent()) {
                    upTo = Math.min(upTo, needed.getAsLong() - 1);
                }
                subscriber.forget(tx, upTo);
                return dao.deleteUpTo(upTo, PRUNE_CHUNK);
            });
        }
        return deleted;
    }

    private EventView view(StoredEvent row, boolean maskCredentials) {
        EventView stored = Json.read(mapper, row.payload(), EventView.class);
        return maskCredentials
                ? new EventView(stored.id(), stored.type(), stored.createdAt(), stored.apiVersion(),
                        credentials.maskAll(stored.data().deepCopy()), stored.customerId(), stored.requestId())
                : stored;
    }

    private static long position(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.INVALID_CURSOR, "The cursor is not one this list gave");
        }
    }

    /** An event to write: {@code message} is a campaign grant's rendered message, when there is one. */
    public record NewEvent(EventType type, String customerId, Object object, Object message) {
        public static NewEvent of(EventType type, String customerId, Object object) {
            return new NewEvent(type, customerId, object, null);
        }
    }
}
