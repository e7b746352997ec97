package com.amends.policy;

import com.amends.auth.Role;
import com.amends.platform.ShortCache;
import com.amends.platform.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the rules that apply and what is used under each into a {@link Headroom}: the same
 * reading for judging a grant, for an allowance and for a campaign.
 *
 * <p>Every grant reads the settings (limits, the cap, budgets' amounts and modes), which an
 * admin seldom changes, so they are kept for a short while ({@link ShortCache}); a change
 * through {@link PolicySettings} clears them ({@link #changed}). What is used under a limit or a
 * budget is always read, under the usage rows' locks.
 */
public final class Controls {
    static final String OVERALL = "overall";
    private static final String THE_CAP = "cap";

    private final PolicyDao dao;
    private final GoodwillTotals totals;
    private final ShortCache<String, Optional<PolicyDao.LimitRow>> limits;
    private final ShortCache<String, Optional<PolicyDao.CapRow>> cap;
    private final ShortCache<String, Optional<PolicyDao.BudgetRow>> budgets;

    Controls(PolicyDao dao, GoodwillTotals totals, Duration cacheFor, Clock clock) {
        this.dao = dao;
        this.totals = totals;
        this.limits = new ShortCache<>(cacheFor, clock);
        this.cap = new ShortCache<>(cacheFor, clock);
        this.budgets = new ShortCache<>(cacheFor, clock);
    }

    public Controls(com.amends.platform.Transactor transactor, GoodwillTotals totals, Duration cacheFor, Clock clock) {
        this(transactor.onDemand(PolicyDao.class), totals, cacheFor, clock);
    }

    /** In the transaction of a change to any setting: every setting is read again once it ends. */
    void changed(Tx tx) {
        limits.changed(tx);
        cap.changed(tx);
        budgets.changed(tx);
    }

    /** Every rule on a grant by this agent to this customer, at {@code at}. */
    Headroom forGrant(Role role, String agentId, String customerId, String category, Instant at) {
        List<Headroom.Room> rooms = new ArrayList<>();
        Optional<PolicyDao.LimitRow> byRole = limits.get("role:" + role.wire(), dao::limit);
        Optional<PolicyDao.LimitRow> byAgent = limits.get("agent:" + agentId, dao::limit);
        Long max = byAgent.map(PolicyDao.LimitRow::maxGrant).orElse(null);
        Long daily = byAgent.map(PolicyDao.LimitRow::dailyTotal).orElse(null);
        if (max == null) {
            max = byRole.map(PolicyDao.LimitRow::maxGrant).orElse(null);
        }
        if (daily == null) {
            daily = byRole.map(PolicyDao.LimitRow::dailyTotal).orElse(null);
        }
        if (max != null) {
            rooms.add(Headroom.Room.maxGrant(max));
        }
        if (daily != null) {
            String day = at.atZone(ZoneOffset.UTC).toLocalDate().toString();
            rooms.add(Headroom.Room.dailyTotal(agentId, day, daily, dao.agentCommitted(agentId, day)));
        }
        Optional<PolicyDao.CapRow> customerCap = cap.get(THE_CAP, k -> dao.cap());
        if (customerCap.isPresent()) {
            Instant since = at.minus(Duration.ofDays(customerCap.get().windowDays()));
            rooms.add(Headroom.Room.customerCap(customerId, customerCap.get().windowDays(), customerCap.get().amount(),
                    totals.since(customerId, since).totalValue()));
        }
        rooms.addAll(budgets(category, at).rooms());
        return new Headroom(rooms);
    }

    /** The budgets a grant of this category counts against in the month of {@code at}. */
    public Headroom budgets(String category, Instant at) {
        return budgets(budgetRows(category), at);
    }

    Headroom budgets(List<PolicyDao.BudgetRow> rows, Instant at) {
        String month = month(at);
        return new Headroom(rows.stream().map(b -> Headroom.Room.budget(b.scope(), month, b.amount(),
                dao.budgetCommitted(b.scope(), month), b.mode().equals("hard"))).toList());
    }

    /** Overall first: every grant takes these row locks in the same order. */
    List<PolicyDao.BudgetRow> budgetRows(String category) {
        List<PolicyDao.BudgetRow> rows = new ArrayList<>();
        budgets.get(OVERALL, dao::budget).ifPresent(rows::add);
        if (category != null && !category.equals(OVERALL)) {
            budgets.get(category, dao::budget).ifPresent(rows::add);
        }
        return rows;
    }

    static String month(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
    }
}
