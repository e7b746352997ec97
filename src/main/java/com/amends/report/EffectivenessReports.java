package com.amends.report;

import com.amends.ledger.Accounts;
import com.amends.platform.Money;
import com.amends.platform.Transactor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Of the goodwill granted in a period, how much customers came back and spent, and how soon. */
public final class EffectivenessReports {
    private final EffectivenessDao dao;
    private final Valuation valuation;

    public EffectivenessReports(Transactor transactor, Valuation valuation) {
        this.dao = transactor.onDemand(EffectivenessDao.class);
        this.valuation = valuation;
    }

    private record Grant(List<String> group, Instant createdAt) {}

    private record Spent(long issued, long redeemed, Instant first) {
        Spent plus(Spent other) {
            Instant earliest = first == null ? other.first : other.first == null || first.isBefore(other.first)
                    ? first : other.first;
            return new Spent(issued + other.issued, redeemed + other.redeemed, earliest);
        }
    }

    private static final class Tally {
        long grants;
        long redeemedGrants;
        long issued;
        long redeemed;
        final List<Long> secondsToFirst = new ArrayList<>();
    }

    public EffectivenessReport effectiveness(Instant from, Instant to, List<Dimension> groupBy) {
        Periods.requireRange(from, to);
        if (groupBy.size() > 2 || groupBy.stream().anyMatch(Dimension::isTime)) {
            throw new IllegalArgumentException("one or two grant attributes: " + groupBy);
        }
        Map<String, Grant> grants = new HashMap<>();
        dao.forEachGrant(column(groupBy, 0), column(groupBy, 1), from, to, g -> {
            List<String> group = new ArrayList<>();
            for (int i = 0; i < groupBy.size(); i++) {
                group.add(i == 0 ? g.firstKey() : g.secondKey());
            }
            grants.put(g.id(), new Grant(group, g.createdAt()));
        });

        Map<String, Spent> spent = new HashMap<>();
        String accounting = valuation.accountingCurrency();
        dao.forEachSpending(from, row -> {
            String unit = row.unit();
            if ((unit.equals(Accounts.POINTS) || unit.equals(accounting)) && grants.containsKey(row.grantId())) {
                spent.merge(row.grantId(), new Spent(valuation.value(row.issued(), unit).amount(),
                        valuation.value(row.redeemed(), unit).amount(), row.firstRedeemed()), Spent::plus);
            }
        });

        Map<List<String>, Tally> tallies = new TreeMap<>(Comparator.comparing(
                (List<String> k) -> String.join("\u0000", k.stream().map(v -> v == null ? "" : v).toList())));
        grants.forEach((id, grant) -> {
            Tally t = tallies.computeIfAbsent(grant.group(), k -> new Tally());
            t.grants++;
            Spent s = spent.get(id);
            if (s != null) {
                t.issued += s.issued();
                t.redeemed += s.redeemed();
                if (s.first() != null) {
                    t.redeemedGrants++;
                    t.secondsToFirst.add(Duration.between(grant.createdAt(), s.first()).toSeconds());
                }
            }
        });
        List<EffectivenessReport.Row> rows = new ArrayList<>();
        tallies.forEach((key, t) -> {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                group.put(groupBy.get(i).wire(), key.get(i));
            }
            rows.add(new EffectivenessReport.Row(group, t.grants, t.redeemedGrants, new Money(t.issued, accounting),
                    new Money(t.redeemed, accounting),
                    t.issued == 0 ? null : Math.round(10_000.0 * t.redeemed / t.issued) / 10_000.0,
                    median(t.secondsToFirst)));
        });
        return new EffectivenessReport(from, to, groupBy.stream().map(Dimension::wire).toList(), rows);
    }

    /** The grants column of the i-th dimension, or NULL when there is none. */
    private static String column(List<Dimension> groupBy, int i) {
        return i < groupBy.size() ? groupBy.get(i).grantColumn : "NULL";
    }

    /** The lower median, so that the answer is a time some grant actually took. */
    static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
