package com.amends.webhook;

import com.amends.platform.Ids;
import com.amends.platform.Transactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due deliveries, on every instance. A pass claims deliveries that head their queue (so
 * events of one endpoint and customer go out in order), sends them on a small pool, and records
 * what came back in batches, until nothing is due and nothing is in flight.
 *
 * <p>A claim is a lease ({@code claimLease}): an instance that dies holding one loses it when it
 * runs out, and another takes the delivery over. Each endpoint gets at most
 * {@code maxInFlightPerEndpoint} sends at once from this instance, so a slow endpoint holds a few
 * threads while the others keep going.
 */
public final class DeliveryWorker {
    private static final String CLAIM_PREFIX = "clm";
    /** Stands in the NOT IN list when no endpoint is busy, as an empty list is not SQL. */
    private static final String NO_ENDPOINT = "-";

    private final Transactor transactor;
    private final DeliveryDao dao;
    private final WebhookSender sender;
    private final DeliveryOutcomes outcomes;
    private final ExecutorService pool;
    private final Ids ids;
    private final Clock clock;
    private final Duration lease;
    private final int maxInFlight;
    private final int maxPerEndpoint;
    private final Map<String, Integer> busy = new HashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LinkedBlockingQueue<Sent> done = new LinkedBlockingQueue<>();

    DeliveryWorker(Transactor transactor, WebhookSender sender, DeliveryOutcomes outcomes, ExecutorService pool,
                   int threads, Ids ids, Clock clock, Duration lease, int maxPerEndpoint) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(DeliveryDao.class);
        this.sender = sender;
        this.outcomes = outcomes;
        this.pool = pool;
        this.ids = ids;
        this.clock = clock;
        this.lease = lease;
        // A few more than the threads, so a thread that finishes finds the next send waiting.
        this.maxInFlight = threads * 2;
        this.maxPerEndpoint = maxPerEndpoint;
    }

    /** Sends until nothing is due and nothing is in flight; returns what the attempts came to. */
    public synchronized DeliveryOutcomes.Counts run() {
        DeliveryOutcomes.Counts counts = new DeliveryOutcomes.Counts(0, 0, 0);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                counts = counts.plus(recordDone());
                if (claimAndSend() > 0) {
                    continue;
                }
                if (inFlight.get() == 0 && done.isEmpty()) {
                    break;
                }
                Sent first = done.poll(50, TimeUnit.MILLISECONDS);
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
        return outcomes.record(batch);
    }

    private int claimAndSend() {
        int room = maxInFlight - inFlight.get();
        if (room <= 0) {
            return 0;
        }
        Instant now = clock.instant();
        String token = ids.next(CLAIM_PREFIX);
        List<String> full = new ArrayList<>(List.of(NO_ENDPOINT));
        Map<String, Integer> taken;
        synchronized (busy) {
            busy.forEach((endpoint, count) -> {
                if (count >= maxPerEndpoint) {
                    full.add(endpoint);
                }
            });
            taken = new HashMap<>(busy);
        }
        List<ClaimedDelivery> claimed = transactor.inTransaction(tx -> {
            List<String> chosen = new ArrayList<>();
            for (DeliveryDao.Due due : dao.due(now, full, room * 2)) {
                int count = taken.getOrDefault(due.endpointId(), 0);
                if (count < maxPerEndpoint && chosen.size() < room) {
                    taken.put(due.endpointId(), count + 1);
                    chosen.add(due.id());
                }
            }
            if (chosen.isEmpty() || dao.claim(chosen, token, now.plus(lease), now) == 0) {
                return List.of();
            }
            return dao.claimed(token);
        });
        claimed.forEach(delivery -> submit(delivery, token));
        return claimed.size();
    }

    private void submit(ClaimedDelivery delivery, String token) {
        synchronized (busy) {
            busy.merge(delivery.endpointId(), 1, Integer::sum);
        }
        inFlight.incrementAndGet();
        try {
            pool.execute(() -> send(delivery, token));
        } catch (RejectedExecutionException stopping) {
            // The pool stops with the server: the claim is given back rather than left to its lease.
            finished(delivery);
            transactor.run(tx -> dao.release(delivery.id(), token));
        }
    }

    private void send(ClaimedDelivery delivery, String token) {
        SendOutcome outcome;
        try {
            outcome = sender.send(delivery.url(), delivery.eventId(), delivery.payload(),
                    delivery.liveSecrets(clock.instant()));
        } catch (RuntimeException e) {
            outcome = SendOutcome.failed(SendOutcome.Kind.CONNECTION_ERROR, clock.instant(), 0,
                    "could not send: " + e.getClass().getSimpleName(), Duration.ZERO);
        }
        // Recorded before it stops counting as in flight, so a pass that sees none in flight has them all.
        done.add(new Sent(delivery, token, outcome));
        finished(delivery);
    }

    private void finished(ClaimedDelivery delivery) {
        synchronized (busy) {
            busy.computeIfPresent(delivery.endpointId(), (k, n) -> n <= 1 ? null : n - 1);
        }
        inFlight.decrementAndGet();
    }
}
