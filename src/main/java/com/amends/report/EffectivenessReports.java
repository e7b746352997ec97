package com.amends.report;

import com.amends.platform.Money;
import com.amends.platform.Transactor;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Of the goodwill granted in a period, how much customers came back and spent, and how soon.
 * Grants of summed days are read from their outcomes (whole months of grants from their month
 * sums, grouped in SQL) and their first redemptions; what was posted after the last summed day is
 * read from the postings, per grant, and added: counts and sums add up, a grant is counted once,
 * and its first redemption is in one of the two, never both. Amounts are valued per group, once.
 */
public final class EffectivenessReports {
    /**
     * Reads before the report gives up on the outcomes and reads every posting since {@code from}:
     * the job moves once a day, except while it catches up (after the migration, or a pause).
     */
    private static final int TRIES = 3;

    private final EffectivenessDao dao;
    private final DaySumsDao days;
    private final Valuation valuation;
    private final Duration approvalTimeout;

    /** {@code approvalTimeout}: how long after it was made a grant may still be approved, and so issued. */
    public EffectivenessReports(Transactor transactor, Valuation valuation, Duration approvalTimeout) {
        this.dao = transactor.onDemand(EffectivenessDao.class);
        this.days = transactor.onDemand(DaySumsDao.class);
        this.valuation = valuation;
        this.approvalTimeout = approvalTimeout;
    }

    private static final class Tally {
        long grants;
        long redeemedGrants;
        /** Per unit, what was issued and redeemed: valued once on the group's total, as spend is. */
        final Map<String, long[]> amounts = new HashMap<>(4);
        /** The seconds to each first redemption, of which the median is taken. */
        long[] seconds = new long[8];

        void first(long value) {
            if (redeemedGrants == seconds.length) {
                seconds = Arrays.copyOf(seconds, seconds.length * 2);
            }
            seconds[(int) redeemedGrants++] = value;
        }

        void add(String unit, long issued, long redeemed) {
            long[] sums = amounts.computeIfAbsent(unit, u -> new long[2]);
            sums[0] += issued;
            sums[1] += redeemed;
        }
    }

    public EffectivenessReport effectiveness(Instant from, Instant to, List<Dimension> groupBy) {
        Periods.requireRange(from, to);
        if (groupBy.size() > 2 || groupBy.stream().anyMatch(Dimension::isTime)) {
            throw new IllegalArgumentException("one or two grant attributes: " + groupBy);
        }
        // The outcomes and the tail must be read on the same side of a day the job sums meanwhile,
        // or that day would be counted twice: read again if summed_through moved while reading.
        for (int i = 0; i < TRIES; i++) {
            Optional<LocalDate> through = days.summedThrough();
            EffectivenessReport report = read(from, to, groupBy, through, EffectivenessDao.OUTCOMES,
                    EffectivenessDao.FIRSTS);
            if (days.summedThrough().equals(through)) {
                return report;
            }
        }
        return read(from, to, groupBy, Optional.empty(), EffectivenessDao.NO_OUTCOMES, EffectivenessDao.NO_FIRSTS);
    }

    private EffectivenessReport read(Instant from, Instant to, List<Dimension> groupBy, Optional<LocalDate> through,
                                     String outcomes, String firsts) {
        Instant tailStart = through.map(d -> DaySums.start(d.plusDays(1))).filter(from::isBefore).orElse(from);
        String accounting = valuation.accountingCurrency();
        String o1 = column(groupBy, 0, "o.");
        String o2 = column(groupBy, 1, "o.");
        String g1 = column(groupBy, 0, "g.");
        String g2 = column(groupBy, 1, "g.");
        Map<List<String>, Tally> tallies = new HashMap<>(); // found once per first redemption: no sorting until the end

        // Whole months of grants from their month sums; the rest of the period per grant.
        List<Instant> perGrant = List.of(from, to);
        Optional<DaySums.Stretch> months = wholeMonths(from, to).filter(m -> outcomes.equals(EffectivenessDao.OUTCOMES));
        if (months.isPresent()) {
            for (EffectivenessDao.Month m : dao.months(monthColumn(groupBy, 0), monthColumn(groupBy, 1),
                    months.get().from(), months.get().to())) {
                Tally t = tally(tallies, groupBy, m.firstKey(), m.secondKey());
                t.grants += m.grants();
                t.add(m.unit(), m.issued(), m.redeemed());
                if (valuation.valued(m.unit()) && !m.firsts().isEmpty()) {
                    for (String seconds : m.firsts().split(",")) {
                        t.first(Long.parseLong(seconds));
                    }
                }
            }
            perGrant = List.of(from, DaySums.start(months.get().from()), DaySums.start(months.get().to()), to);
        }
        for (int i = 0; i < perGrant.size(); i += 2) {
            Instant a = perGrant.get(i);
            Instant b = perGrant.get(i + 1);
            if (!a.isBefore(b)) {
                continue;
            }
            for (EffectivenessDao.Summed s : dao.summed(outcomes, o1, o2, a, b)) {
                Tally t = tally(tallies, groupBy, s.firstKey(), s.secondKey());
                t.grants += s.grants();
                t.add(s.unit(), s.issued(), s.redeemed());
            }
            for (EffectivenessDao.First f : dao.firsts(firsts, o1, o2, a, b, accounting)) {
                tally(tallies, groupBy, f.firstKey(), f.secondKey()).first(f.seconds());
            }
        }
        Set<String> counted = new HashSet<>();
        Set<String> firstInTail = new HashSet<>();
        for (EffectivenessDao.Tail r : dao.tail(outcomes, g1, g2, from, to, tailStart, accounting)) {
            Tally t = tally(tallies, groupBy, r.firstKey(), r.secondKey());
            if (counted.add(r.grantId()) && !r.summed()) {
                t.grants++;
            }
            t.add(r.unit(), r.issued(), r.redeemed());
            // A grant's first redemption is in the summed days or in the tail, never both.
            if (valuation.valued(r.unit()) && r.firstRedeemed() != null && !r.summedFirst() && firstInTail.add(r.grantId())) {
                t.first(Duration.between(r.grantedAt(), r.firstRedeemed()).getSeconds());
            }
        }
        // Grants issued after the summed days that moved no value: made then, or approved then.
        Instant madeFrom = tailStart.minus(approvalTimeout);
        if (madeFrom.isBefore(to)) {
            for (EffectivenessDao.Recent r : dao.recent(g1, g2, madeFrom, from, to, tailStart)) {
                if (counted.add(r.grantId())) {
                    tally(tallies, groupBy, r.firstKey(), r.secondKey()).grants++;
                }
            }
        }
        Map<List<String>, Tally> sorted = new TreeMap<>(Comparator.comparing(
                (List<String> k) -> String.join("\u0000", k.stream().map(v -> v == null ? "" : v).toList())));
        sorted.putAll(tallies);
        List<EffectivenessReport.Row> rows = new ArrayList<>();
        sorted.forEach((key, t) -> {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                group.put(groupBy.get(i).wire(), key.get(i));
            }
            long issued = value(t, 0);
            long redeemed = value(t, 1);
            rows.add(new EffectivenessReport.Row(group, t.grants, t.redeemedGrants, new Money(issued, accounting),
                    new Money(redeemed, accounting), issued == 0 ? null : Math.round(10_000.0 * redeemed / issued) / 10_000.0,
                    median(t.seconds, (int) t.redeemedGrants)));
        });
        return new EffectivenessReport(from, to, groupBy.stream().map(Dimension::wire).toList(), rows);
    }

    /** The whole months of grants within [from, to), if any. */
    private static Optional<DaySums.Stretch> wholeMonths(Instant from, Instant to) {
        LocalDate firstWhole = DaySums.start(DaySums.day(from)).equals(from) ? DaySums.day(from)
                : DaySums.day(from).plusDays(1);
        return DaySums.wholeMonths(firstWhole, DaySums.day(to));
    }

    /** What the group's amounts are worth in the accounting currency (0: issued, 1: redeemed); other currencies are left out. */
    private long value(Tally t, int which) {
        long total = 0;
        for (Map.Entry<String, long[]> e : t.amounts.entrySet()) {
            if (valuation.valued(e.getKey())) {
                total += valuation.value(e.getValue()[which], e.getKey()).amount();
            }
        }
        return total;
    }

    private static Tally tally(Map<List<String>, Tally> tallies, List<Dimension> groupBy, String first, String second) {
        return tallies.computeIfAbsent(Arrays.asList(first, second).subList(0, groupBy.size()), k -> new Tally());
    }

    /** As {@link #column}, in outcome_months, where a missing attribute is ''. */
    private static String monthColumn(List<Dimension> groupBy, int i) {
        return i < groupBy.size() ? "NULLIF(o." + groupBy.get(i).grantColumn + ", '')" : column(groupBy, i, "o.");
    }

    /** The column of the i-th dimension in the table under this alias, or a typed NULL when there is none. */
    private static String column(List<Dimension> groupBy, int i, String alias) {
        return i < groupBy.size() ? alias + groupBy.get(i).grantColumn : "CAST(NULL AS VARCHAR(64))";
    }

    /**
     * The lower median, so that the answer is a time some grant actually took (as PERCENTILE_DISC(0.5)
     * would answer). Taken here rather than in SQL because a grant's first redemption is in one of
     * two places, the summed days or the tail after them, and the two are read apart.
     */
    static Long median(List<Long> values) {
        return median(values.stream().mapToLong(Long::longValue).toArray(), values.size());
    }

    /** The lower median of the first n values (which it sorts). */
    private static Long median(long[] values, int n) {
        if (n == 0) {
            return null;
        }
        Arrays.sort(values, 0, n);
        return values[(n - 1) / 2];
    }
}
