package com.amends.webhook;

import com.amends.event.EventType;
import com.amends.platform.ApiException;
import com.amends.platform.Cursor;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Page;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The endpoints admins register. A secret leaves this class only in the answer that makes it
 * (create, rotate); every other answer is built without it.
 *
 * <p>Every event asks which endpoints want it, so the enabled ones are kept for a short while
 * ({@link #enabled}). A change here clears that copy once it has committed; other instances see
 * it when their copy runs out.
 */
public final class WebhookEndpoints {
    static final String ID_PREFIX = "whe";

    private final Transactor transactor;
    private final EndpointDao dao;
    private final EndpointGuard guard;
    private final Ids ids;
    private final Clock clock;
    private final Duration secretOverlap;
    private final long cacheNanos;
    private final SecureRandom random = new SecureRandom();
    private final Object cacheLock = new Object();
    private volatile Snapshot snapshot;
    private long generation;

    private record Snapshot(List<EndpointRow> rows, long loadedAtNanos) {}

    public WebhookEndpoints(Transactor transactor, EndpointGuard guard, Ids ids, Clock clock, Duration secretOverlap,
                            Duration cacheFor) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(EndpointDao.class);
        this.guard = guard;
        this.ids = ids;
        this.clock = clock;
        this.secretOverlap = secretOverlap;
        this.cacheNanos = cacheFor.toNanos();
    }

    public EndpointView create(Tx tx, CreateEndpointRequest request) {
        tx.requireOpen();
        String url = checkedUrl(request.url());
        String types = eventTypes(request.eventTypes());
        Instant now = clock.instant();
        String secret = WebhookSignature.newSecret(random);
        EndpointRow row = new EndpointRow(ids.next(ID_PREFIX), url, blankToNull(request.description()), types,
                request.enabled() == null || request.enabled(), null, secret, null, null, null, now, now);
        dao.insert(row);
        return row.view(secret);
    }

    public Page<EndpointView> list(int limit, String cursor) {
        String before = Optional.ofNullable(Cursor.decode(cursor)).orElse("~");
        return Page.of(dao.list(before, limit + 1), limit, EndpointRow::id, row -> row.view(null));
    }

    public EndpointView get(String id) {
        return row(id).view(null);
    }

    EndpointRow row(String id) {
        return dao.find(id).orElseThrow(() -> notFound(id));
    }

    public EndpointView update(Tx tx, String id, UpdateEndpointRequest request) {
        tx.requireOpen();
        EndpointRow was = dao.lock(id).orElseThrow(() -> notFound(id));
        String url = request.url() == null ? was.url() : checkedUrl(request.url());
        String description = request.description() == null ? was.description() : blankToNull(request.description());
        String types = request.eventTypes() == null ? was.eventTypes() : eventTypes(request.eventTypes());
        boolean enabled = request.enabled() == null ? was.enabled() : request.enabled();
        // Enabling again is an admin's word that the endpoint works now: its failures start afresh.
        boolean reenabled = enabled && !was.enabled();
        EndpointRow row = new EndpointRow(id, url, description, types, enabled,
                reenabled ? null : was.disabledReason(), was.secret(), was.previousSecret(), was.previousSecretUntil(),
                reenabled ? null : was.failingSince(), was.createdAt(), clock.instant());
        dao.update(row);
        return row.view(null);
    }

    /** A new secret, shown once; the one before keeps signing for the overlap, so consumers roll without a gap. */
    public EndpointView rotateSecret(Tx tx, String id) {
        tx.requireOpen();
        EndpointRow was = dao.lock(id).orElseThrow(() -> notFound(id));
        Instant now = clock.instant();
        String secret = WebhookSignature.newSecret(random);
        Instant until = now.plus(secretOverlap);
        dao.rotate(id, secret, was.secret(), until, now);
        return new EndpointRow(id, was.url(), was.description(), was.eventTypes(), was.enabled(), was.disabledReason(),
                secret, was.secret(), until, was.failingSince(), was.createdAt(), now).view(secret);
    }

    /** Deletes the endpoint with its deliveries and their attempts. */
    public EndpointView delete(Tx tx, String id) {
        tx.requireOpen();
        EndpointRow was = dao.lock(id).orElseThrow(() -> notFound(id));
        transactor.onDemand(DeliveryDao.class).deleteOfEndpoint(id);
        dao.delete(id);
        return was.view(null);
    }

    /** Called after a change here has committed, so the next event reads the endpoints anew. */
    public void changed() {
        synchronized (cacheLock) {
            generation++;
            snapshot = null;
        }
    }

    /**
     * The enabled endpoints, read at most once per cache period. A read that a change overtook
     * is used once and not kept, so the copy never holds what was before a change made here.
     */
    List<EndpointRow> enabled() {
        Snapshot held = snapshot;
        long now = System.nanoTime();
        if (held != null && now - held.loadedAtNanos() < cacheNanos) {
            return held.rows();
        }
        long seen;
        synchronized (cacheLock) {
            seen = generation;
        }
        List<EndpointRow> rows = List.copyOf(dao.enabled());
        synchronized (cacheLock) {
            if (generation == seen && cacheNanos > 0) {
                snapshot = new Snapshot(rows, now);
            }
        }
        return rows;
    }

    private String checkedUrl(String url) {
        EndpointGuard.Verdict verdict = guard.check(url == null ? null : url.strip());
        if (!verdict.allowed()) {
            throw ApiException.invalid("url", verdict.reason());
        }
        return verdict.uri().toString();
    }

    /** Wire names, each known, kept in the catalogue's order; none means every type. */
    static String eventTypes(List<String> names) {
        if (names == null || names.isEmpty()) {
            return null;
        }
        LinkedHashSet<EventType> types = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            Optional<EventType> type = EventType.fromWire(name);
            if (type.isPresent()) {
                types.add(type.get());
            } else {
                unknown.add(String.valueOf(name));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("event_types", "names unknown types " + unknown + "; the known types are "
                    + EventType.catalogue());
        }
        return String.join(",", types.stream().sorted().map(EventType::wire).toList());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static ApiException notFound(String id) {
        return new ApiException(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, "No webhook endpoint " + id);
    }
}
