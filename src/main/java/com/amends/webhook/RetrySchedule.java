package com.amends.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * What happens after an attempt: done, try again at a given time, give up, or stop calling the
 * endpoint. The first attempt is immediate; the n-th delay of the list follows the n-th failed
 * attempt, so the default list allows eight attempts over about 32 hours.
 *
 * <p>Every failure that is not a 410 is retried, 4xx included. Standard Webhooks counts any
 * non-2xx as a failure and names only 410 as "stop", and Stripe retries every non-2xx: a 401,
 * 404 or 400 is most often a consumer's deploy or configuration slip that gets fixed within the
 * schedule, and giving up at once would lose the event silently. A truly dead endpoint is caught
 * by the schedule running out and by the endpoint being disabled after days of failures.
 */
public final class RetrySchedule {
    public static final List<Duration> DEFAULT_DELAYS = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));

    public sealed interface Decision {
        /** The endpoint took it (2xx). */
        record Delivered() implements Decision {}

        record RetryAt(Instant at) implements Decision {}

        /** Every attempt of the schedule failed; the delivery stays visible and can be resent. */
        record GiveUp(String reason) implements Decision {}

        /** The endpoint said 410 Gone: it wants nothing more from us. */
        record DisableEndpoint(String reason) implements Decision {}
    }

    private final List<Duration> delays;
    private final Duration longestDelay;

    public RetrySchedule(List<Duration> delays) {
        if (delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("a retry schedule is a non-empty list of positive delays");
        }
        this.delays = List.copyOf(delays);
        this.longestDelay = Collections.max(this.delays);
    }

    public static RetrySchedule standard() {
        return new RetrySchedule(DEFAULT_DELAYS);
    }

    public List<Duration> delays() {
        return delays;
    }

    /** How many attempts a delivery gets, the first included. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    /**
     * @param attempt the number of the attempt just made, 1 for the first
     * @param now when the attempt ended; the next one is counted from here
     */
    public Decision decide(int attempt, SendOutcome outcome, Instant now) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        if (outcome.delivered()) {
            return new Decision.Delivered();
        }
        if (outcome.kind() == SendOutcome.Kind.ANSWERED && outcome.status() == 410) {
            return new Decision.DisableEndpoint("the endpoint answered 410 Gone");
        }
        if (outcome.kind() == SendOutcome.Kind.INTERRUPTED) {
            // Our own shutdown says nothing about the endpoint: try again at once, and a worker
            // should not count this attempt against the schedule.
            return new Decision.RetryAt(now);
        }
        if (attempt > delays.size()) {
            return new Decision.GiveUp("gave up after " + attempt + " attempts; the last: " + outcome.detail());
        }
        Duration delay = delays.get(attempt - 1);
        // Retry-After (on 429 and 503 typically) may lengthen a step, never shorten it, and an
        // endpoint asking for a week waits no longer than the schedule's longest step.
        Duration asked = outcome.retryAfter().orElse(Duration.ZERO);
        if (asked.compareTo(delay) > 0) {
            delay = asked.compareTo(longestDelay) > 0 ? longestDelay : asked;
        }
        return new Decision.RetryAt(now.plus(delay));
    }
}
