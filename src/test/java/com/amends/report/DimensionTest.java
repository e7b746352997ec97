package com.amends.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DimensionTest {
    private static long day(String date) {
        return LocalDate.parse(date).toEpochDay();
    }

    @Test
    void shouldLabelADayByItsDate_ItsIsoWeekAndItsMonth() {
        assertThat(Dimension.DAY.bucket(day("2026-11-21"))).isEqualTo("2026-11-21");
        assertThat(Dimension.WEEK.bucket(day("2026-11-21"))).isEqualTo("2026-W47");
        assertThat(Dimension.MONTH.bucket(day("2026-11-21"))).isEqualTo("2026-11");
    }

    @Test
    void shouldGiveTheDaysAroundNewYearTheWeekOfTheirIsoYear() {
        assertThat(Dimension.WEEK.bucket(day("2027-01-01"))).as("a Friday: the last week of 2026").isEqualTo("2026-W53");
        assertThat(Dimension.WEEK.bucket(day("2024-12-30"))).as("a Monday: the first week of 2025").isEqualTo("2025-W01");
        assertThat(Dimension.WEEK.bucket(day("2026-01-05"))).isEqualTo("2026-W02");
        assertThat(Dimension.MONTH.bucket(day("2027-01-01"))).isEqualTo("2027-01");
    }

    @Test
    void shouldParseOneOrTwoDimensions_InTheOrderGiven() {
        assertThat(Dimension.parse("reason,month", Dimension.SPEND, 2)).containsExactly(Dimension.REASON, Dimension.MONTH);
        assertThat(Dimension.parse("week, agent", Dimension.SPEND, 2)).containsExactly(Dimension.WEEK, Dimension.AGENT);
        assertThat(Dimension.parse("campaign", Dimension.EFFECTIVENESS, 2)).containsExactly(Dimension.CAMPAIGN);
    }

    @Test
    void shouldRefuseWhatTheReportDoesNotGroupBy() {
        assertRefused(() -> Dimension.parse("month", Dimension.EFFECTIVENESS, 2),
                "group_by takes reason, category, agent, channel, campaign; got 'month'");
        assertRefused(() -> Dimension.parse("colour", Dimension.SPEND, 2), "got 'colour'");
        assertRefused(() -> Dimension.parse("x".repeat(50), Dimension.SPEND, 2), "got '" + "x".repeat(40) + "…'");
        assertRefused(() -> Dimension.parse("Reason", Dimension.SPEND, 2), "got 'Reason'");
    }

    @Test
    void shouldRefuseNoDimension_TooMany_TheSameTwice_AndTwoTimeBuckets() {
        assertRefused(() -> Dimension.parse(null, Dimension.SPEND, 2), "group_by is required");
        assertRefused(() -> Dimension.parse(" ", Dimension.SPEND, 2), "group_by is required");
        assertRefused(() -> Dimension.parse("reason,agent,channel", Dimension.SPEND, 2), "at most 2 dimensions");
        assertRefused(() -> Dimension.parse("reason,reason", Dimension.SPEND, 2), "names reason twice");
        assertRefused(() -> Dimension.parse("day,month", Dimension.SPEND, 2), "at most one of day, week and month");
        assertRefused(() -> Dimension.parse("reason,", Dimension.SPEND, 2), "got ''");
    }

    private static void assertRefused(Runnable parse, String message) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void shouldOfferEveryDimensionToSpend_AndOnlyGrantAttributesToEffectiveness() {
        assertThat(Dimension.SPEND).containsExactly(Dimension.values());
        assertThat(Dimension.EFFECTIVENESS).noneMatch(Dimension::isTime);
        assertThat(List.of(Dimension.DAY, Dimension.WEEK, Dimension.MONTH)).allMatch(Dimension::isTime);
    }
}
