package com.amends.platform;

import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic jobs of an instance, started and stopped with the server. A job that throws
 * runs again at its next turn: an executor never runs again a job that threw, and a job that
 * stops without a word (as the webhook worker once did on a linkage error) is worse than a
 * logged failure.
 */
public final class Jobs {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    private final LifecycleEnvironment lifecycle;
    private final ScheduledExecutorService shared;
    private final FailureLog failures;

    public Jobs(LifecycleEnvironment lifecycle, Clock clock) {
        this.lifecycle = lifecycle;
        this.failures = new FailureLog(LOG, clock, FailureLog.DEFAULT_INTERVAL);
        this.shared = lifecycle.scheduledExecutorService("amends-jobs").threads(1).build();
    }

    /** A short job, on the thread the short jobs share. */
    public void every(String name, Duration interval, Runnable work) {
        every(name, interval, interval, work);
    }

    public void every(String name, Duration first, Duration interval, Runnable work) {
        schedule(shared, name, first, interval, work);
    }

    /** A job that may run long (a catch-up, sends in flight), on a thread of its own so the others do not wait. */
    public void everyOnItsOwnThread(String name, Duration interval, Runnable work) {
        ScheduledExecutorService own = lifecycle.scheduledExecutorService("amends-" + name.replace(' ', '-'))
                .threads(1).build();
        schedule(own, name, interval, interval, work);
    }

    private void schedule(ScheduledExecutorService executor, String name, Duration first, Duration interval,
                                 Runnable work) {
        executor.scheduleWithFixedDelay(() -> runQuietly(name, work), first.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void runQuietly(String job, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | LinkageError e) {
            // Running out of memory is not carried on from; a class that cannot be reached is logged like any failure.
            // A job that fails each second while the database is away says so once a minute, with a count.
            if (DatabaseOutage.is(e)) {
                failures.summarise(job + " failed: the database is unavailable; it runs again at its next turn", e);
            } else {
                failures.warn(job + " failed; it runs again at its next turn", e);
            }
        }
    }
}
