package com.amends.policy;

import com.amends.event.Events;
import com.amends.event.EventType;
import com.amends.platform.Ids;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.reward.Reward;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a grant counts for, kept in the transaction of every change to it: the budget and
 * agent-day usage rows (what {@link Judging} checks against) and the customer's goodwill
 * totals. Grants call one operation per change: {@link #made}, {@link #approved},
 * {@link #withdrawn}, and for a campaign {@link #credited}.
 *
 * <p>Which usage rows a grant was counted in is kept as rows of grant_usage under the grant's
 * usage id, so taking it back subtracts exactly what it added. A single grant's usage id is its
 * own id. A campaign credits thousands of grants per chunk that are all counted in the same
 * budget rows, so a chunk writes its one or two usage rows once under a fresh usage id that all
 * its grants carry: a hundred thousand grants add a few dozen rows, not a hundred thousand.
 *
 * <p>Updating a usage row locks it, which is what makes grants racing for the last of a budget
 * take turns; rows are always taken agent first, then overall, then the category.
 */
public final class GrantTally {
    private final PolicyDao dao;
    private final UsageDao usage;
    private final GoodwillTotals totals;
    private final Controls controls;
    private final Events events;
    private final Amounts amounts;
    private final Ids ids;

    GrantTally(PolicyDao dao, UsageDao usage, GoodwillTotals totals, Controls controls, Events events, Amounts amounts,
               Ids ids) {
        this.dao = dao;
        this.usage = usage;
        this.totals = totals;
        this.controls = controls;
        this.events = events;
        this.amounts = amounts;
        this.ids = ids;
    }

    public GrantTally(Transactor transactor, GoodwillTotals totals, Controls controls, Events events, Amounts amounts,
                      Ids ids) {
        this(transactor.onDemand(PolicyDao.class), transactor.onDemand(UsageDao.class), totals, controls, events,
                amounts, ids);
    }

    /**
     * Counts {@code value} in the usage row of every room that keeps one, locking the rows; answers
     * the headroom as it was just before this grant (read under the locks) and the rows counted.
     */
    Counted count(Tx tx, Headroom headroom, long value) {
        tx.requireOpen();
        List<Headroom.Room> rooms = new ArrayList<>();
        List<UsageKey> keys = new ArrayList<>();
        for (Headroom.Room room : headroom.rooms()) {
            if (room.usageKey().isPresent()) {
                UsageKey key = room.usageKey().get();
                long before = add(key, value) - value;
                rooms.add(room.withUsed(before));
                keys.add(key);
                if (room.rule() == Headroom.Rule.BUDGET) {
                    told(tx, room, before, before + value);
                }
            } else {
                rooms.add(room);
            }
        }
        return new Counted(new Headroom(rooms), keys);
    }

    record Counted(Headroom headroom, List<UsageKey> keys) {}

    /** Adds to a budget's usage row (creating it first) and answers what it holds now. */
    long addToBudget(Tx tx, Headroom.Room budget, long amount) {
        tx.requireOpen();
        long now = add(budget.usageKey().orElseThrow(), amount);
        told(tx, budget, now - amount, now);
        return now;
    }

    /**
     * Tells, once per budget and month, that what is committed under a budget reached 80 or 100
     * percent of it. A threshold is told when a change moves the committed sum across it, and the
     * alert row makes the first such change the only one, on any number of instances.
     */
    private void told(Tx tx, Headroom.Room budget, long before, long after) {
        for (int percent : BudgetThreshold.PERCENTS) {
            long mark = Math.multiplyExact(budget.limit(), percent) / 100;
            if (before < mark && after >= mark && dao.alert(budget.scope(), budget.period(), percent) == 1) {
                events.record(tx, EventType.BUDGET_THRESHOLD_REACHED, null, new BudgetThreshold("budget_threshold",
                        budget.scope(), budget.period(), budget.hard() ? "hard" : "soft", percent,
                        amounts.money(budget.limit()), amounts.money(after)));
            }
        }
    }

    /**
     * Adds to a usage row and answers what it holds after, in one statement when the row exists
     * (the update returns it); the first grant of a day or month creates the row first.
     */
    private long add(UsageKey key, long amount) {
        if (key.kind() == UsageKey.Kind.AGENT) {
            return dao.addAgentUsageReturning(key.scope(), key.period(), amount).orElseGet(() -> {
                dao.ensureAgentUsage(key.scope(), key.period());
                return dao.addAgentUsageReturning(key.scope(), key.period(), amount).orElseThrow();
            });
        }
        return dao.addBudgetUsageReturning(key.scope(), key.period(), amount).orElseGet(() -> {
            dao.ensureBudgetUsage(key.scope(), key.period());
            return dao.addBudgetUsageReturning(key.scope(), key.period(), amount).orElseThrow();
        });
    }

    /** The usage rows kept under a usage id. */
    List<UsageKey> keys(String usageId) {
        if (usageId == null) {
            return List.of();
        }
        return usage.rows(usageId).stream()
                .map(r -> new UsageKey(UsageKey.Kind.fromColumn(r.kind()), r.scope(), r.period())).toList();
    }

    /**
     * A new grant, after its value reached the ledger: remembers the rows {@link Judging#commit}
     * counted it in, and counts it for the customer (as given too when it was issued at once).
     *
     * @param issued the reward, when the grant was issued; null while it waits for approval
     */
    public void made(Tx tx, String grantId, String customerId, Instant at, Long value, List<UsageKey> counted,
                     Reward issued) {
        tx.requireOpen();
        remember(grantId, counted);
        if (issued != null) {
            totals.given(tx, List.of(customerId), issued);
        }
        totals.counted(tx, List.of(customerId), at, value);
    }

    /** A pending grant issued, after its value reached the ledger: the rows approval added, and the lifetime totals. */
    public void approved(Tx tx, String grantId, String customerId, List<UsageKey> added, Reward reward) {
        tx.requireOpen();
        remember(grantId, added);
        totals.given(tx, List.of(customerId), reward);
    }

    /**
     * A grant rejected, expired undecided or revoked no longer counts: not against budgets or
     * daily totals, and not against the customer's cap.
     */
    public void withdrawn(Tx tx, String usageId, String customerId, Instant madeAt, Long value) {
        tx.requireOpen();
        long amount = value == null ? 0 : value;
        for (UsageKey key : keys(usageId)) {
            if (key.kind() == UsageKey.Kind.AGENT) {
                dao.addAgentUsage(key.scope(), key.period(), -amount);
            } else {
                dao.addBudgetUsage(key.scope(), key.period(), -amount);
            }
        }
        totals.uncounted(tx, customerId, madeAt, value);
    }

    /** The budgets a grant of this category counts in, read without locking. */
    public Headroom budgets(String category, Instant at) {
        return controls.budgets(category, at);
    }

    /**
     * Locks the budget rows a campaign's grants count in (creating them first) and answers their
     * headroom as read under the locks, for {@link #reserve}.
     */
    public Headroom lockBudgets(Tx tx, String category, Instant at) {
        tx.requireOpen();
        String month = Controls.month(at);
        List<PolicyDao.BudgetRow> budgets = controls.budgetRows(category);
        for (PolicyDao.BudgetRow budget : budgets) {
            dao.ensureBudgetUsage(budget.scope(), month);
            dao.addBudgetUsage(budget.scope(), month, 0); // lock the row before reading it
        }
        return controls.budgets(budgets, at);
    }

    /**
     * Counts {@code count} grants of {@code unit} each in the budgets {@link #lockBudgets} locked;
     * answers the usage id those grants carry (null when they count in no row).
     */
    public String reserve(Tx tx, Headroom budgets, long unit, long count) {
        tx.requireOpen();
        for (Headroom.Room budget : budgets.rooms()) {
            long amount = Math.multiplyExact(count, unit);
            dao.addBudgetUsage(budget.scope(), budget.period(), amount);
            told(tx, budget, budget.used(), budget.used() + amount);
        }
        if (count == 0 || budgets.isEmpty()) {
            return null;
        }
        String usageId = ids.next("usg");
        remember(usageId, budgets.rooms().stream().map(r -> r.usageKey().orElseThrow()).toList());
        return usageId;
    }

    /** Campaign grants issued, each to its customer with the same reward, after their value reached the ledger. */
    public void credited(Tx tx, List<String> customerIds, Reward reward, Instant at, Long unit) {
        tx.requireOpen();
        totals.given(tx, customerIds, reward);
        totals.counted(tx, customerIds, at, unit);
    }

    private void remember(String usageId, List<UsageKey> keys) {
        if (!keys.isEmpty()) {
            usage.insert(usageId, keys.stream().map(k -> new UsageDao.Row(k.kind().column(), k.scope(), k.period()))
                    .toList());
        }
    }
}
