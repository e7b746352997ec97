package com.amends.policy;

import com.amends.auth.Role;
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
 */
public final class Controls {
    static final String OVERALL = "overall";

    private final PolicyDao dao;
    private final GoodwillTotals totals;

    Controls(PolicyDao dao, GoodwillTotals totals) {
        this.dao = dao;
        this.totals = totals;
    }

    public Controls(com.amends.platform.Transactor transactor, GoodwillTotals totals) {
        this(transactor.onDemand(PolicyDao.class), totals);
    }

    /** Every rule on a grant by this agent to this customer, at {@code at}. */
    Headroom forGrant(Role role, String agentId, String customerId, String category, Instant at) {
        List<Headroom.Room> rooms = new ArrayList<>();
        Optional<PolicyDao.LimitRow> byRole = dao.limit("role:" + role.wire());
        Optional<PolicyDao.LimitRow> byAgent = dao.limit("agent:" + agentId);
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
        Optional<PolicyDao.CapRow> cap = dao.cap();
        if (cap.isPresent()) {
            Instant since = at.minus(Duration.ofDays(cap.get().windowDays()));
            rooms.add(Headroom.Room.customerCap(customerId, cap.get().windowDays(), cap.get().amount(),
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
        List<PolicyDao.BudgetRow> budgets = new ArrayList<>();
        dao.budget(OVERALL).ifPresent(budgets::add);
        if (category != null && !category.equals(OVERALL)) {
            dao.budget(category).ifPresent(budgets::add);
        }
        return budgets;
    }

    static String month(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
    }
}
