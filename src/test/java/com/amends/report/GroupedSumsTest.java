package com.amends.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.platform.Money;
import com.amends.points.PointValue;
import com.amends.points.PointValues;
import com.amends.report.PostingSumsDao.GroupSum;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How the database's per-day sums become a report's rows. */
@Tag("fast")
class GroupedSumsTest {
    /** 100 points are worth 1.00 EUR. */
    private static final Valuation VALUATION = new Valuation(new PointValues(Map.of("EUR", new PointValue(100, 100))), "EUR");

    private static GroupSum onDay(String day, String first, String unit, long amount) {
        return new GroupSum(LocalDate.parse(day), first, null, unit, amount);
    }

    private static Map<String, String> group(String... pairs) {
        Map<String, String> group = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            group.put(pairs[i], pairs[i + 1]);
        }
        return group;
    }

    @Test
    void shouldFoldTheDaysOfAWeekIntoThatWeek_AndSpendIntoPositiveAmounts() {
        GroupedSums sums = new GroupedSums(List.of(Dimension.REASON, Dimension.WEEK), -1);
        sums.add(onDay("2026-11-29", "goodwill:SHIPPING_DELAY", "points", -500)); // a Sunday: week 48
        sums.add(onDay("2026-11-23", "goodwill:SHIPPING_DELAY", "points", -300)); // the Monday of week 48
        sums.add(onDay("2026-11-30", "goodwill:SHIPPING_DELAY", "points", -70));  // Monday: week 49
        sums.add(onDay("2026-11-30", "goodwill:DAMAGED_ITEM", "EUR", -2_000));

        assertThat(sums.rows(VALUATION)).containsExactly(
                new GroupedAmount(group("reason", "DAMAGED_ITEM", "week", "2026-W49"), "EUR", 2_000,
                        new Money(2_000L, "EUR")),
                new GroupedAmount(group("reason", "SHIPPING_DELAY", "week", "2026-W48"), "points", 800,
                        new Money(800L, "EUR")),
                new GroupedAmount(group("reason", "SHIPPING_DELAY", "week", "2026-W49"), "points", 70,
                        new Money(70L, "EUR")));
    }

    @Test
    void shouldAddTheSamePeriodReadFromSumsAndFromPostings_IntoOneRowPerMonthAndUnit() {
        GroupedSums sums = new GroupedSums(List.of(Dimension.MONTH), 1);
        sums.add(onDay("2026-11-01", null, "points", 10));  // from day sums
        sums.add(onDay("2026-11-30", null, "points", 5));   // from the postings of the open edge
        sums.add(onDay("2026-11-30", null, "EUR", 250));
        sums.add(onDay("2026-12-01", null, "points", 1));

        assertThat(sums.rows(VALUATION)).containsExactly(
                new GroupedAmount(group("month", "2026-11"), "EUR", 250, new Money(250L, "EUR")),
                new GroupedAmount(group("month", "2026-11"), "points", 15, new Money(15L, "EUR")),
                new GroupedAmount(group("month", "2026-12"), "points", 1, new Money(1L, "EUR")));
    }

    @Test
    void shouldListNoCampaignFirst_AndKeepTheGroupInTheOrderAsked() {
        GroupedSums sums = new GroupedSums(List.of(Dimension.REASON, Dimension.CAMPAIGN), 1);
        sums.add(new GroupSum(null, "SHIPPING_DELAY", "cmp_2", "points", 200));
        sums.add(new GroupSum(null, "SHIPPING_DELAY", null, "points", 300));
        sums.add(new GroupSum(null, "PROACTIVE_APOLOGY", "cmp_1", "points", 400));

        List<GroupedAmount> rows = sums.rows(VALUATION);
        assertThat(rows).extracting(GroupedAmount::group).containsExactly(
                group("reason", "PROACTIVE_APOLOGY", "campaign", "cmp_1"),
                group("reason", "SHIPPING_DELAY", "campaign", null),
                group("reason", "SHIPPING_DELAY", "campaign", "cmp_2"));
        assertThat(rows.get(0).group().keySet()).containsExactly("reason", "campaign");
    }

    @Test
    void shouldValueTotalsPerUnit_AndPointsOnceOnTheirTotal() {
        // 150 points are 1.50 EUR; valued one by one, 3 x 50 points at a rate of 3 points a cent
        // would lose a cent.
        Valuation thirds = new Valuation(new PointValues(Map.of("EUR", new PointValue(3, 1))), "EUR");
        GroupedSums sums = new GroupedSums(List.of(Dimension.AGENT), 1);
        sums.add(new GroupSum(null, "agent-a", null, "points", 50));
        sums.add(new GroupSum(null, "agent-b", null, "points", 50));
        sums.add(new GroupSum(null, "agent-c", null, "points", 50));
        sums.add(new GroupSum(null, "agent-c", null, "EUR", 100));
        List<GroupedAmount> totals = thirds.totals(sums.rows(thirds));

        assertThat(totals).containsExactly(
                new GroupedAmount(Map.of(), "EUR", 100, new Money(100L, "EUR")),
                new GroupedAmount(Map.of(), "points", 150, new Money(50L, "EUR")));
        assertThat(Valuation.totalValue(totals)).containsExactly(new Money(150L, "EUR"));
    }

    @Test
    void shouldTakeTheLowerMedian_SoThatItIsATimeSomeGrantTook() {
        assertThat(EffectivenessReports.median(List.of())).isNull();
        assertThat(EffectivenessReports.median(List.of(30L))).isEqualTo(30L);
        assertThat(EffectivenessReports.median(List.of(90L, 10L, 60L, 30L))).isEqualTo(30L);
        assertThat(EffectivenessReports.median(List.of(90L, 10L, 60L))).isEqualTo(60L);
    }
}
