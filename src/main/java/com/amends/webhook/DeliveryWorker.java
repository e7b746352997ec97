package com.amends.webhook;

import com.amends.platform.Ids;
import com.amends.platform.Transactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends due deliveries, on every instance. A pass claims deliveries that head their queue (so
 * events of one endpoint and customer go out in order), sends them on a small pool, and records
 * what came back in batches, until nothing is due and nothing is held.
 *
 * <p>A claim is a lease ({@code claimLease}): an instance that dies holding one loses it when it
 * runs out, and another takes the delivery over. Each endpoint gets at most
 * {@code maxInFlightPerEndpoint} sends at once from this instance, so a slow endpoint holds a few
 * threads while the others keep going. An endpoint that answers quickly has many deliveries
 * claimed at once (claiming is what costs); one that is slow or failing only as many as it may
 * have in flight, so its claims do not outlive their lease waiting for their turn.
 */
public final class DeliveryWorker {
    private static final String CLAIM_PREFIX = "clm";
    /** Stands in the NOT IN list when no endpoint is full, as an empty list is not SQL. */
    private static final String NO_ENDPOINT = "-";
    /** Deliveries one instance holds (claimed, waiting or in flight), and per quick endpoint. */
    private static final int MAX_HELD = 1000;
    private static final int MAX_HELD_PER_QUICK_ENDPOINT = 200;
    /** An endpoint that answers 2xx within this is quick. */
    private static final Duration QUICK = Duration.ofSeconds(1);
    /** While deliveries are in flight: attempts recorded together, and how long one may wait. */
    private static final int RECORD_BATCH = 100;
    private static final Duration RECORD_WAIT = Duration.ofMillis(50);
    /** While deliveries are in flight, how often due ones are claimed. */
    private static final Duration CLAIM_PACE = Duration.ofMillis(20);

    /** A claimed delivery with its claim's token and lease. */
    private record Held(ClaimedDelivery delivery, String token, Instant until) {}

    private final Transactor transactor;
    private final DeliveryDao dao;
    private final WebhookSender sender;
    private final DeliveryOutcomes outcomes;
    private final ExecutorService pool;
    private final Ids ids;
    private final Clock clock;
    private final Duration lease;
    private final Duration timeout;
    private final int maxPerEndpoint;
    private final Object lock = new Object();
    private final Map<String, ArrayDeque<Held>> waiting = new HashMap<>();
    private final Map<String, Integer> sending = new HashMap<>();
    private final Set<String> slow = new HashSet<>();
    private int held;
    private final List<Held> expired = new ArrayList<>();
    private final LinkedBlockingQueue<Sent> done = new LinkedBlockingQueue<>();

    DeliveryWorker(Transactor transactor, WebhookSender sender, DeliveryOutcomes outcomes, ExecutorService pool,
                   Ids ids, Clock clock, Duration lease, Duration timeout, int maxPerEndpoint) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(DeliveryDao.class);
        this.sender = sender;
        this.outcomes = outcomes;
        this.pool = pool;
        this.ids = ids;
        this.clock = clock;
        this.lease = lease;
        this.timeout = timeout;
        this.maxPerEndpoint = maxPerEndpoint;
    }

    /**
     * Sends until nothing is due and nothing is held; returns what the attempts came to. While
     * deliveries are in flight, attempts are recorded {@link #RECORD_BATCH} at a time or every
     * {@link #RECORD_WAIT}, and due deliveries claimed every {@link #CLAIM_PACE}: each is a
     * transaction, and done after every answer (two in flight answer within a millisecond) they
     * cost more than the sends. With nothing in flight both happen at once, so a lone event is not
     * delayed.
     */
    public synchronized DeliveryOutcomes.Counts run() {
        DeliveryOutcomes.Counts counts = new DeliveryOutcomes.Counts(0, 0, 0);
        long lastRecord = System.nanoTime();
        long lastClaim = System.nanoTime() - CLAIM_PACE.toNanos();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                boolean idle;
                synchronized (lock) {
                    idle = held == 0;
                }
                if (idle || done.size() >= RECORD_BATCH || System.nanoTime() - lastRecord >= RECORD_WAIT.toNanos()) {
                    counts = counts.plus(recordDone());
                    lastRecord = System.nanoTime();
                }
                if (idle || System.nanoTime() - lastClaim >= CLAIM_PACE.toNanos()) {
                    int claimed = claim();
                    lastClaim = System.nanoTime();
                    if (claimed > 0) {
                        continue;
                    }
                    synchronized (lock) {
                        if (held == 0 && done.isEmpty()) {
                            break;
                        }
                    }
                }
                Sent first = done.poll(5, TimeUnit.MILLISECONDS);
                if (first != null) {
                    done.add(first);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return counts.plus(recordDone());
    }

    private DeliveryOutcomes.Counts recordDone() {
        List<Sent> batch = new ArrayList<>();
        done.drainTo(batch);
        List<Held> giveBack;
        synchronized (lock) {
            giveBack = new ArrayList<>(expired);
            expired.clear();
        }
        if (!giveBack.isEmpty()) {
            transactor.run(tx -> giveBack.forEach(h -> dao.release(h.delivery().id(), h.token())));
        }
        return outcomes.record(batch);
    }

    private int claim() {
        Map<String, Integer> room = new HashMap<>();
        List<String> full = new ArrayList<>(List.of(NO_ENDPOINT));
        int total;
        synchronized (lock) {
            total = MAX_HELD - held;
            Set<String> endpoints = new HashSet<>(waiting.keySet());
            endpoints.addAll(sending.keySet());
            for (String endpoint : endpoints) {
                int left = allowance(endpoint) - waiting.getOrDefault(endpoint, new ArrayDeque<>()).size()
                        - sending.getOrDefault(endpoint, 0);
                room.put(endpoint, left);
                if (left <= 0) {
                    full.add(endpoint);
                }
            }
        }
        if (total <= 0) {
            return 0;
        }
        Instant now = clock.instant();
        Instant until = now.plus(lease);
        String token = ids.next(CLAIM_PREFIX);
        List<ClaimedDelivery> claimed = transactor.inTransaction(tx -> {
            List<String> chosen = new ArrayList<>();
            for (DeliveryDao.Due due : dao.due(now, full, total)) {
                int left = room.computeIfAbsent(due.endpointId(), this::allowance);
                if (left > 0) {
                    room.put(due.endpointId(), left - 1);
                    chosen.add(due.id());
                }
            }
            if (chosen.isEmpty() || dao.claim(chosen, token, until, now) == 0) {
                return List.of();
            }
            return dao.claimed(chosen, token);
        });
        synchronized (lock) {
            for (ClaimedDelivery delivery : claimed) {
                waiting.computeIfAbsent(delivery.endpointId(), k -> new ArrayDeque<>())
                        .add(new Held(delivery, token, until));
                held++;
            }
            for (String endpoint : new ArrayList<>(waiting.keySet())) {
                dispatch(endpoint);
            }
        }
        return claimed.size();
    }

    private int allowance(String endpoint) {
        synchronized (lock) {
            return slow.contains(endpoint) ? maxPerEndpoint : Math.max(maxPerEndpoint, MAX_HELD_PER_QUICK_ENDPOINT);
        }
    }

    /** Starts the endpoint's waiting deliveries while it has room; the caller holds the lock. */
    private void dispatch(String endpoint) {
        ArrayDeque<Held> queue = waiting.get(endpoint);
        while (queue != null && !queue.isEmpty() && sending.getOrDefault(endpoint, 0) < maxPerEndpoint) {
            Held next = queue.poll();
            // A claim about to run out is given back rather than sent: another instance may take it over.
            if (!clock.instant().plus(timeout).isBefore(next.until())) {
                expired.add(next);
                held--;
                continue;
            }
            sending.merge(endpoint, 1, Integer::sum);
            try {
                pool.execute(() -> send(next));
            } catch (RejectedExecutionException stopping) {
                // The pool stops with the server: the claim is given back rather than left to its lease.
                sending.computeIfPresent(endpoint, (k, n) -> n <= 1 ? null : n - 1);
                expired.add(next);
                held--;
            }
        }
        if (queue != null && queue.isEmpty()) {
            waiting.remove(endpoint);
        }
    }

    private void send(Held held) {
        ClaimedDelivery delivery = held.delivery();
        SendOutcome outcome;
        try {
            outcome = sender.send(delivery.url(), delivery.eventId(), delivery.payload(),
                    delivery.liveSecrets(clock.instant()));
        } catch (RuntimeException e) {
            outcome = SendOutcome.failed(SendOutcome.Kind.CONNECTION_ERROR, clock.instant(), 0,
                    "could not send: " + e.getClass().getSimpleName(), Duration.ZERO);
        }
        // Queued for recording before it stops being held, so a pass that sees nothing held has them all.
        done.add(new Sent(delivery, held.token(), outcome));
        String endpoint = delivery.endpointId();
        synchronized (lock) {
            if (outcome.delivered() && outcome.elapsed().compareTo(QUICK) < 0) {
                slow.remove(endpoint);
            } else {
                slow.add(endpoint);
            }
            sending.computeIfPresent(endpoint, (k, n) -> n <= 1 ? null : n - 1);
            this.held--;
            dispatch(endpoint);
        }
    }
}
