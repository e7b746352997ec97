package com.amends.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it. The clock of a server that every test shares
 * refuses to move: a test that moved it would move it under every test after it (a grant's
 * expiry, a limit's window, a hold's timeout), so such a test runs on a server of its own.
 */
public final class MutableClock extends Clock {
    public static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    private volatile Instant now;
    private volatile boolean shared;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration duration) {
        if (shared) {
            throw new IllegalStateException("This is the clock of a server that every test shares, so it does not "
                    + "move; run a test that moves the clock on a server of its own "
                    + "(@MethodSource(\"com.amends.testing.Servers#fresh\") and extend OwnServerFixture)");
        }
        step(duration);
    }

    /** From now on {@link #advance} refuses; the harness still steps the clock for its own set-up. */
    void share() {
        shared = true;
    }

    void step(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the API works in UTC");
    }
}
