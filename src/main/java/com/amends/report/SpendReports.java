package com.amends.report;

import com.amends.platform.Transactor;
import java.time.Instant;
import java.util.List;

/**
 * Goodwill spend and breakage: sums of postings per group and unit. Each posting repeats its
 * entry's time and names its grant, so a sum needs no more than the postings (joined to grants
 * only when it groups by a grant's agent, channel, category or campaign). Summed days are read
 * from their {@link DaySums}, so a year costs a few hundred rows a day, not every posting. The
 * database sums per day; days become weeks and months here, so one query shape serves every
 * time bucket.
 */
public final class SpendReports {
    private final PostingSumsDao dao;
    private final DaySums daySums;
    private final Valuation valuation;

    public SpendReports(Transactor transactor, DaySums daySums, Valuation valuation) {
        this.dao = transactor.onDemand(PostingSumsDao.class);
        this.daySums = daySums;
        this.valuation = valuation;
    }

    public SpendReport spend(Instant from, Instant to, List<Dimension> groupBy) {
        Periods.requireRange(from, to);
        List<GroupedAmount> rows = grouped(Grouping.GOODWILL, -1, from, to, groupBy, true);
        List<GroupedAmount> totals = valuation.totals(rows);
        return new SpendReport(from, to, groupBy.stream().map(Dimension::wire).toList(), rows, totals,
                Valuation.totalValue(totals));
    }

    public BreakageReport breakage(Instant from, Instant to) {
        Periods.requireRange(from, to);
        List<GroupedAmount> rows = grouped(Grouping.EXPIRED, 1, from, to, List.of(Dimension.REASON, Dimension.CAMPAIGN),
                false);
        List<GroupedAmount> totals = valuation.totals(rows);
        return new BreakageReport(from, to, rows, totals, Valuation.totalValue(totals));
    }

    /**
     * Sums {@code sign * amount} of the {@code booked} postings in [from, to), per group and unit:
     * summed days from their day sums, the rest from the postings.
     */
    private List<GroupedAmount> grouped(String booked, int sign, Instant from, Instant to, List<Dimension> groupBy,
                                        boolean reasonFromAccount) {
        GroupedSums sums = new GroupedSums(groupBy, sign);
        // A month's sums have lost the day of each posting: by day or week, read the days.
        boolean byMonth = !groupBy.contains(Dimension.DAY) && !groupBy.contains(Dimension.WEEK);
        for (DaySums.Part part : DaySums.parts(from, to, List.of(), daySums.summedThrough())) {
            Grouping grouping = Grouping.of(groupBy, booked, reasonFromAccount, part.summed());
            if (part.summed()) {
                for (DaySums.Stretch stretch : DaySums.stretches(part.firstDay(), part.endDay(), byMonth)) {
                    dao.forEachFromDaySums(grouping, stretch, sums::add);
                }
            } else {
                dao.forEachFromPostings(grouping, part.from(), part.to(), sums::add);
            }
        }
        return sums.rows(valuation);
    }
}
