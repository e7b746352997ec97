package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class IdsTest {
    @Test
    void shouldSortInCreationOrder_WhenTheClockStandsStill() {
        Ids ids = new Ids(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next("grt"));
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(made.get(0)).matches("grt_[0-9A-HJKMNP-TV-Z]{26}");
    }

    @Test
    void shouldSortByTime_WhenTheClockMoves() {
        Ids early = new Ids(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
        Ids late = new Ids(Clock.fixed(Instant.parse("2026-11-22T10:00:00.001Z"), ZoneOffset.UTC));
        assertThat(early.next("x")).isLessThan(late.next("x"));
    }

    /** A clock corrected backwards (NTP) must not make a new id sort before an older one. */
    @Test
    void shouldKeepSorting_WhenTheClockStepsBack() {
        MutableClock clock = new MutableClock(MutableClock.START);
        Ids ids = new Ids(clock);
        String before = ids.next("grt");
        clock.advance(Duration.ofSeconds(-2));
        String after = ids.next("grt");
        assertThat(after).isGreaterThan(before);
    }

    @Test
    void shouldNeverRepeat_WhenManyThreadsAskAtOnce() throws InterruptedException {
        Ids ids = new Ids(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
        Set<String> made = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            threads.execute(() -> {
                for (int i = 0; i < 5_000; i++) {
                    made.add(ids.next("vch"));
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(made).hasSize(20_000);
    }
}
