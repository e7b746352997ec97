package com.amends.webhook;

import com.amends.platform.Transactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records attempts, many in one transaction (on H2 the commit is what costs), and decides each
 * delivery's fate with the retry schedule: delivered, tried again later, given up, or its
 * endpoint disabled.
 */
final class DeliveryOutcomes {
    private static final int MAX_ERROR = 300;
    private static final int MAX_ANSWER = 4096;

    /** What a batch came to, for the task's report. */
    record Counts(int delivered, int retrying, int failed) {
        Counts plus(Counts other) {
            return new Counts(delivered + other.delivered, retrying + other.retrying, failed + other.failed);
        }
    }

    private final Transactor transactor;
    private final DeliveryDao deliveries;
    private final EndpointDao endpointDao;
    private final WebhookEndpoints endpoints;
    private final RetrySchedule schedule;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final Duration disableAfter;

    DeliveryOutcomes(Transactor transactor, WebhookEndpoints endpoints, RetrySchedule schedule, WebhookMetrics metrics,
                     Clock clock, Duration disableAfter) {
        this.transactor = transactor;
        this.deliveries = transactor.onDemand(DeliveryDao.class);
        this.endpointDao = transactor.onDemand(EndpointDao.class);
        this.endpoints = endpoints;
        this.schedule = schedule;
        this.metrics = metrics;
        this.clock = clock;
        this.disableAfter = disableAfter;
    }

    Counts record(List<Sent> batch) {
        if (batch.isEmpty()) {
            return new Counts(0, 0, 0);
        }
        Instant now = clock.instant();
        List<DeliveryDao.Settled> settled = new ArrayList<>();
        List<DeliveryDao.Attempt> attempts = new ArrayList<>();
        List<Sent> released = new ArrayList<>();
        Set<String> succeeded = new LinkedHashSet<>();
        Map<String, Instant> failed = new LinkedHashMap<>();
        Map<String, String> gone = new LinkedHashMap<>();
        int delivered = 0;
        int retrying = 0;
        int givenUp = 0;
        for (Sent sent : batch) {
            ClaimedDelivery d = sent.delivery();
            SendOutcome outcome = sent.outcome();
            if (outcome.kind() == SendOutcome.Kind.INTERRUPTED) {
                released.add(sent); // our own shutdown: the attempt does not count
                continue;
            }
            int attempt = d.attempts() + 1;
            RetrySchedule.Decision decision = schedule.decide(attempt, outcome, now);
            Integer status = outcome.kind() == SendOutcome.Kind.ANSWERED ? outcome.status() : null;
            String error = outcome.delivered() ? null : clip(outcome.detail(), MAX_ERROR);
            DeliveryStatus next;
            Instant nextAt = null;
            Instant deliveredAt = null;
            if (decision instanceof RetrySchedule.Decision.Delivered) {
                next = DeliveryStatus.DELIVERED;
                deliveredAt = outcome.attemptedAt();
                succeeded.add(d.endpointId());
                delivered++;
            } else if (decision instanceof RetrySchedule.Decision.RetryAt retry) {
                next = DeliveryStatus.PENDING;
                nextAt = retry.at();
                failed.putIfAbsent(d.endpointId(), outcome.attemptedAt());
                retrying++;
            } else if (decision instanceof RetrySchedule.Decision.GiveUp giveUp) {
                next = DeliveryStatus.FAILED;
                error = clip(giveUp.reason(), MAX_ERROR);
                failed.putIfAbsent(d.endpointId(), outcome.attemptedAt());
                givenUp++;
            } else {
                next = DeliveryStatus.FAILED;
                gone.put(d.endpointId(), ((RetrySchedule.Decision.DisableEndpoint) decision).reason());
                givenUp++;
            }
            settled.add(new DeliveryDao.Settled(d.id(), sent.token(), next, attempt, nextAt, outcome.attemptedAt(),
                    status, error, deliveredAt));
            attempts.add(new DeliveryDao.Attempt(d.id(), d.attemptsRecorded() + 1, outcome.attemptedAt(), status,
                    clip(outcome.delivered() ? null : outcome.detail(), MAX_ERROR), clip(outcome.answer(), MAX_ANSWER),
                    outcome.elapsed().toMillis()));
        }
        boolean[] disabledAny = {false};
        transactor.run(tx -> {
            for (Sent sent : released) {
                deliveries.release(sent.delivery().id(), sent.token());
            }
            if (!settled.isEmpty()) {
                int[] counts = deliveries.settle(settled);
                List<DeliveryDao.Attempt> ours = new ArrayList<>();
                for (int i = 0; i < counts.length; i++) {
                    // A claim that ran out and was taken over is recorded by its new holder.
                    if (counts[i] > 0) {
                        ours.add(attempts.get(i));
                    }
                }
                if (!ours.isEmpty()) {
                    deliveries.insertAttempts(ours);
                }
            }
            succeeded.forEach(endpointDao::succeeded);
            failed.forEach((id, at) -> {
                if (!succeeded.contains(id)) {
                    endpointDao.failed(id, at);
                }
            });
            gone.forEach((id, reason) -> disabledAny[0] |= endpointDao.disable(id, reason, now) > 0);
            for (String id : endpointDao.failingSince(now.minus(disableAfter))) {
                disabledAny[0] |= endpointDao.disable(id, "every attempt failed for " + disableAfter.toDays()
                        + " days", now) > 0;
            }
        });
        if (disabledAny[0]) {
            endpoints.changed();
        }
        metrics.recorded(delivered, retrying, givenUp);
        return new Counts(delivered, retrying, givenUp);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
