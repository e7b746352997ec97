package com.amends.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.report.DaySums.Part;
import com.amends.report.DaySums.Stretch;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DaySumsTest {
    private static final Optional<LocalDate> NOTHING_SUMMED = Optional.empty();

    private static Instant at(String time) {
        return Instant.parse(time);
    }

    @Test
    void shouldReadPostings_WhenNoDayIsSummed() {
        assertThat(DaySums.parts(at("2026-01-01T10:00:00Z"), at("2026-03-01T00:00:00Z"), List.of(), NOTHING_SUMMED))
                .containsExactly(new Part(at("2026-01-01T10:00:00Z"), at("2026-03-01T00:00:00Z"), false));
    }

    @Test
    void shouldReadWholeSummedDays_AndPostingsForTheEdges() {
        assertThat(DaySums.parts(at("2026-01-01T10:00:00Z"), at("2026-03-01T12:00:00Z"), List.of(),
                Optional.of(LocalDate.parse("2026-02-14")))).containsExactly(
                new Part(at("2026-01-01T10:00:00Z"), at("2026-01-02T00:00:00Z"), false),
                new Part(at("2026-01-02T00:00:00Z"), at("2026-02-15T00:00:00Z"), true),
                new Part(at("2026-02-15T00:00:00Z"), at("2026-03-01T12:00:00Z"), false));
    }

    @Test
    void shouldNeedNoPostings_WhenThePeriodIsWholeSummedDays() {
        assertThat(DaySums.parts(at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"), List.of(),
                Optional.of(LocalDate.parse("2026-06-30")))).containsExactly(
                new Part(at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"), true));
    }

    @Test
    void shouldReadTheDayOfACutFromPostings_SoEachPartLiesOnOneSideOfIt() {
        assertThat(DaySums.parts(Instant.EPOCH, at("2026-03-01T00:00:00Z"), List.of(at("2026-02-10T15:30:00Z")),
                Optional.of(LocalDate.parse("2026-02-27")))).containsExactly(
                new Part(Instant.EPOCH, at("2026-02-10T00:00:00Z"), true),
                new Part(at("2026-02-10T00:00:00Z"), at("2026-02-10T15:30:00Z"), false),
                new Part(at("2026-02-10T15:30:00Z"), at("2026-02-11T00:00:00Z"), false),
                new Part(at("2026-02-11T00:00:00Z"), at("2026-02-28T00:00:00Z"), true),
                new Part(at("2026-02-28T00:00:00Z"), at("2026-03-01T00:00:00Z"), false));
    }

    @Test
    void shouldReadAPeriodWithinOneDayFromPostings() {
        assertThat(DaySums.parts(at("2026-01-05T01:00:00Z"), at("2026-01-05T02:00:00Z"), List.of(),
                Optional.of(LocalDate.parse("2026-06-30")))).containsExactly(
                new Part(at("2026-01-05T01:00:00Z"), at("2026-01-05T02:00:00Z"), false));
    }

    @Test
    void shouldReadWholeMonthsFromTheirSums_AndTheDaysOfTheMonthsItCuts() {
        assertThat(DaySums.stretches(day("2025-11-22"), day("2026-11-23"), true)).containsExactly(
                new Stretch("day_sums", day("2025-11-22"), day("2025-12-01")),
                new Stretch("month_sums", day("2025-12-01"), day("2026-11-01")),
                new Stretch("day_sums", day("2026-11-01"), day("2026-11-23")));
        assertThat(DaySums.stretches(day("2026-01-01"), day("2026-03-01"), true)).containsExactly(
                new Stretch("month_sums", day("2026-01-01"), day("2026-03-01")));
    }

    @Test
    void shouldReadDays_WhenNoWholeMonthIsIn_OrTheDayOfEachSumIsNeeded() {
        assertThat(DaySums.stretches(day("2026-01-02"), day("2026-02-28"), true)).containsExactly(
                new Stretch("day_sums", day("2026-01-02"), day("2026-02-28")));
        assertThat(DaySums.stretches(day("2026-01-01"), day("2026-03-01"), false)).containsExactly(
                new Stretch("day_sums", day("2026-01-01"), day("2026-03-01")));
    }

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }
}
