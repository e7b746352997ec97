package com.amends.policy;

import com.amends.ledger.Accounts;
import com.amends.platform.Money;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.reward.Reward;
import com.amends.reward.VoucherType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Running totals of the goodwill each customer received, kept in the transaction of every change
 * to a grant, so that reading them never walks a customer's history. Two kinds, because they
 * count different grants: what was given (issued, and later revoked: the wallet's lifetime
 * figures) and what counts against the customer cap (issued and pending, by day).
 *
 * <p>Rows are written in customer order and after the ledger's accounts, so that two
 * transactions never wait on each other's totals in opposite orders.
 *
 * <p>A row is updated first and inserted only when it is missing (then updated again, in case
 * another transaction inserted it first): one statement for a customer who had goodwill
 * before, that day or in that unit. One upsert would do it on PostgreSQL, but H2 has no
 * {@code ON CONFLICT DO UPDATE}, and a {@code MERGE} that races another's insert fails on
 * PostgreSQL with a unique violation rather than waiting for it.
 */
public final class GoodwillTotals {
    static final String NO_AMOUNT = "none";

    private final GoodwillTotalsDao dao;

    public GoodwillTotals(Transactor transactor) {
        this.dao = transactor.onDemand(GoodwillTotalsDao.class);
    }

    /** Grants issued, each to its customer with the same reward: the lifetime totals. */
    public void given(Tx tx, List<String> customerIds, Reward reward) {
        tx.requireOpen();
        String unit;
        long amount;
        if (reward.points() != null) {
            unit = Accounts.POINTS;
            amount = reward.points();
        } else if (reward.voucher().type() == VoucherType.AMOUNT) {
            unit = reward.voucher().value().currency();
            amount = reward.voucher().value().amount();
        } else {
            unit = NO_AMOUNT;
            amount = 0;
        }
        List<GoodwillTotalsDao.Given> given = customerIds.stream().sorted()
                .map(customer -> new GoodwillTotalsDao.Given(customer, unit, amount)).toList();
        List<GoodwillTotalsDao.Given> missing = missing(given, dao.addTotals(given));
        if (!missing.isEmpty()) {
            dao.ensureTotals(missing);
            dao.addTotals(missing);
        }
    }

    /** Grants that start counting against the cap (made issued or pending), all made at {@code at}. */
    public void counted(Tx tx, List<String> customerIds, Instant at, Long value) {
        tx.requireOpen();
        change(customerIds, at, value, 1);
    }

    /** A grant that stops counting (rejected, expired undecided, revoked), made at {@code at}. */
    public void uncounted(Tx tx, String customerId, Instant at, Long value) {
        tx.requireOpen();
        change(List.of(customerId), at, value, -1);
    }

    private void change(List<String> customerIds, Instant at, Long value, int sign) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        long amount = value == null ? 0 : value;
        List<GoodwillTotalsDao.Counted> counted = customerIds.stream().sorted()
                .map(customer -> new GoodwillTotalsDao.Counted(customer, day, sign, sign * amount)).toList();
        List<GoodwillTotalsDao.Counted> missing = missing(counted, dao.addDays(counted));
        if (!missing.isEmpty()) {
            dao.ensureDays(missing);
            dao.addDays(missing);
        }
    }

    /** The rows an update batch found nothing to update for. */
    private static <T> List<T> missing(List<T> rows, int[] updated) {
        List<T> missing = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (updated[i] == 0) {
                missing.add(rows.get(i));
            }
        }
        return missing;
    }

    /** Issued and pending goodwill made after {@code since}, at its value. */
    public PolicyDao.Goodwill since(String customerId, Instant since) {
        LocalDate day = LocalDate.ofInstant(since, ZoneOffset.UTC);
        return dao.since(customerId, since, day, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Everything ever given to a customer: grants, points, and amount-voucher value per currency. */
    public Lifetime lifetime(String customerId) {
        long grants = 0;
        long points = 0;
        List<Money> voucherValue = new ArrayList<>();
        for (GoodwillTotalsDao.Total total : dao.totalsOf(customerId)) {
            grants += total.grants();
            if (total.unit().equals(Accounts.POINTS)) {
                points = total.amount();
            } else if (!total.unit().equals(NO_AMOUNT)) {
                voucherValue.add(new Money(total.amount(), total.unit()));
            }
        }
        return new Lifetime(grants, points, List.copyOf(voucherValue));
    }

    public record Lifetime(long grants, long points, List<Money> voucherValue) {}
}
