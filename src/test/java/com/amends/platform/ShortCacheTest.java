package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amends.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The settings a grant reads are kept for a short while; what an operator changes through this
 * instance must show at once, and nothing read before a change may outlive it. Transactions are
 * real (H2 in memory), since a change clears the cache when its transaction ends.
 */
@Tag("database")
class ShortCacheTest {
    private final Transactor transactor = new Transactor(Jdbi.create("jdbc:h2:mem:cache" + System.nanoTime()
            + ";DB_CLOSE_DELAY=-1"));
    private final MutableClock clock = new MutableClock(MutableClock.START);
    private final ShortCache<String, String> cache = new ShortCache<>(Duration.ofSeconds(2), clock);
    private final AtomicInteger reads = new AtomicInteger();
    private String stored = "first";

    private String read(String key) {
        reads.incrementAndGet();
        return stored;
    }

    @Test
    void shouldReadOnceWithinTheLifetime_AndAgainWhenTheClockPassesIt() {
        assertThat(cache.get("k", this::read)).isEqualTo("first");
        stored = "second";
        clock.advance(Duration.ofMillis(1999));
        assertThat(cache.get("k", this::read)).as("kept").isEqualTo("first");
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get("k", this::read)).as("the lifetime ran out on the clock").isEqualTo("second");
        assertThat(reads).hasValue(2);
    }

    @Test
    void shouldReadAgainRightAfterAChangeCommits() {
        cache.get("k", this::read);
        transactor.run(tx -> {
            stored = "changed";
            cache.changed(tx);
        });
        assertThat(cache.get("k", this::read)).isEqualTo("changed");
    }

    @Test
    void shouldNotKeep_WhatAChangeThatRolledBackLetItRead() {
        assertThatThrownBy(() -> transactor.run(tx -> {
            stored = "uncommitted";
            cache.changed(tx);
            cache.get("k", this::read); // the change's own transaction reads its uncommitted row
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        stored = "committed";
        assertThat(cache.get("k", this::read)).isEqualTo("committed");
    }

    @Test
    void shouldNotKeep_AReadThatStartedBeforeAChangeEnded() {
        // A read that began before the change committed puts what it read after the clearing.
        String racing = cache.get("k", key -> {
            String before = read(key);
            transactor.run(tx -> {
                stored = "changed";
                cache.changed(tx);
            });
            return before;
        });
        assertThat(racing).isEqualTo("first");
        assertThat(cache.get("k", this::read)).as("read again, not the racing read's value").isEqualTo("changed");
    }

    @Test
    void shouldKeepNothing_WithALifetimeOfZero() {
        ShortCache<String, String> off = new ShortCache<>(Duration.ZERO, clock);
        off.get("k", this::read);
        off.get("k", this::read);
        assertThat(reads).hasValue(2);
    }
}
