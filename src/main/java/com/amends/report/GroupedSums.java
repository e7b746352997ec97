package com.amends.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the database's per-day sums into a report's rows: each day into its time bucket (a week
 * or a month is the sum of its days), a goodwill account into its reason, and the parts of a
 * period (summed days, postings at the edges) into one figure per group and unit.
 */
final class GroupedSums {
    private final List<Dimension> groupBy;
    private final int sign;
    private final Map<List<String>, Long> sums = new LinkedHashMap<>();

    /** @param sign -1 where the postings counted are debits (goodwill spent), 1 otherwise */
    GroupedSums(List<Dimension> groupBy, int sign) {
        this.groupBy = groupBy;
        this.sign = sign;
    }

    void add(PostingSumsDao.GroupSum sum) {
        List<String> key = new ArrayList<>(Grouping.labels(groupBy, sum));
        key.add(sum.unit());
        sums.merge(key, sign * sum.amount(), Long::sum);
    }

    /** One row per group and unit, ordered by the group's values and then the unit. */
    List<GroupedAmount> rows(Valuation valuation) {
        List<GroupedAmount> rows = new ArrayList<>();
        sums.forEach((key, amount) -> {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                group.put(groupBy.get(i).wire(), key.get(i));
            }
            String unit = key.get(key.size() - 1);
            rows.add(new GroupedAmount(group, unit, amount, valuation.value(amount, unit)));
        });
        rows.sort(Comparator.<GroupedAmount, String>comparing(r -> String.join("\u0000",
                r.group().values().stream().map(v -> v == null ? "" : v).toList())).thenComparing(GroupedAmount::unit));
        return rows;
    }
}
