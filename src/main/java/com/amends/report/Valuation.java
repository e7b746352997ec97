package com.amends.report;

import com.amends.ledger.Accounts;
import com.amends.platform.Money;
import com.amends.points.PointValues;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What report amounts are worth: money as it is, points at the configured rate in the accounting currency. */
public final class Valuation {
    private final PointValues pointValues;
    private final String accountingCurrency;

    public Valuation(PointValues pointValues, String accountingCurrency) {
        this.pointValues = pointValues;
        this.accountingCurrency = accountingCurrency;
    }

    String accountingCurrency() {
        return accountingCurrency;
    }

    /** Whether amounts in this unit are valued at all: other currencies are left out. */
    boolean valued(String unit) {
        return unit.equals(Accounts.POINTS) || unit.equals(accountingCurrency);
    }

    Money value(long amount, String unit) {
        return unit.equals(Accounts.POINTS) ? pointValues.value(amount, accountingCurrency) : new Money(amount, unit);
    }

    /** Per unit, over every group. */
    List<GroupedAmount> totals(List<GroupedAmount> rows) {
        Map<String, Long> byUnit = new TreeMap<>();
        rows.forEach(r -> byUnit.merge(r.unit(), r.amount(), Long::sum));
        return byUnit.entrySet().stream()
                .map(e -> new GroupedAmount(Map.of(), e.getKey(), e.getValue(), value(e.getValue(), e.getKey()))).toList();
    }

    /** Per currency; points are valued once, on their total, so the figure is exact to the cent. */
    static List<Money> totalValue(List<GroupedAmount> totals) {
        return perCurrency(totals.stream().map(GroupedAmount::value).toList());
    }

    static List<Money> perCurrency(List<Money> values) {
        Map<String, Long> byCurrency = new TreeMap<>();
        values.forEach(v -> byCurrency.merge(v.currency(), v.amount(), Long::sum));
        return byCurrency.entrySet().stream().map(e -> new Money(e.getValue(), e.getKey())).toList();
    }
}
