package com.amends.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.Plans;
import com.amends.testing.TestServer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grants issued in a few days are read through their time index, not their status index: on
 * H2 the status index held every issued grant of all time, and the day-sums job read them all for
 * each day it summed (a year of a million grants did not finish in ten minutes). The grants of
 * the tail's postings are found by their key, not through the status index, which H2 read whole
 * for each of them.
 */
@Tag("database")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class GrantsByTimePlanTest {
    private static final Instant MADE_FROM = Instant.parse("2026-02-10T00:00:00Z");
    private static final Instant START = Instant.parse("2026-02-13T00:00:00Z");
    private static final Instant END = Instant.parse("2026-02-14T00:00:00Z");

    @Parameter
    TestServer server;

    @Test
    void idleGrantsOfADay_ShouldBeReadThroughTheTimeIndex() {
        String plan = Plans.explain(server, handle -> handle.attach(GrantOutcomesDao.class).countIdle(MADE_FROM, START, END),
                new Object(), Map.of("madeFrom", MADE_FROM, "start", START, "end", END));

        assertThat(Plans.reads(plan, "grants_created")).as("reads grants_created: %s", plan).isTrue();
    }

    @Test
    void grantsIssuedInTheTail_ShouldBeReadThroughTheTimeIndex() {
        String plan = Plans.explain(server, handle -> handle.attach(EffectivenessDao.class)
                        .recent("g.reason_code", "CAST(NULL AS VARCHAR)", MADE_FROM, MADE_FROM, END, START),
                new Object(), Map.of("madeFrom", MADE_FROM, "from", MADE_FROM, "to", END, "tailStart", START));

        assertThat(Plans.reads(plan, "grants_created")).as("reads grants_created: %s", plan).isTrue();
    }

    @Test
    void grantsOfTheTailsPostings_ShouldBeFoundByTheirKey() {
        String plan = Plans.explain(server, handle -> handle.attach(EffectivenessDao.class)
                        .tail(EffectivenessDao.OUTCOMES, "g.reason_code", "CAST(NULL AS VARCHAR)", MADE_FROM, END, START,
                                "EUR"),
                new Object(), Map.of("from", MADE_FROM, "to", END, "tailStart", START, "accounting", "EUR"));

        assertThat(Plans.reads(plan, "grants_status")).as("reads grants_status: %s", plan).isFalse();
    }
}
