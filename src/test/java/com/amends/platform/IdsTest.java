package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
}
