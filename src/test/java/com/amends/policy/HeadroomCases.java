package com.amends.policy;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amends.auth.Role;
import com.amends.event.Events;
import com.amends.platform.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One table of controls and the room they leave, shared by the fast tests of judging, the
 * allowance and the campaign preview: the same cases and one set of expectations, since all
 * three read the same headroom. Amounts are in cents of EUR; the grant is by agent-7 (an agent
 * key) to cust-1, in the shipping category, on 2026-11-30.
 */
public final class HeadroomCases {
    public static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final String AGENT = "agent-7";
    public static final String CUSTOMER = "cust-1";
    public static final String CATEGORY = "shipping";

    private HeadroomCases() {
    }

    /**
     * The controls in force and what is used under them, with the rule that leaves the least
     * room and that room. A null limit is not set.
     */
    public record Case(String name, Long maxGrant, Long dailyTotal, long agentToday, Long customerCap, long received,
                       Budget overall, Budget category, String limitedBy, long room) {

        @Override
        public String toString() {
            return name;
        }

        /** Whether the rule that limits is one a campaign's grants answer to (budgets; not an agent's or customer's). */
        public boolean limitsCampaigns() {
            return limitedBy.startsWith("budget");
        }

        public boolean hard() {
            return limitedBy.equals("budget_hard");
        }

        /** The rule as a violation names it. */
        public String violation() {
            return hard() ? "budget" : limitedBy;
        }

        /** The budget's scope, for a limiting budget. */
        public String scope() {
            Budget tightest = category != null && (overall == null || category.left() < overall.left()) ? category : overall;
            return tightest.scope();
        }
    }

    public record Budget(String scope, long amount, boolean hard, long committed) {
        long left() {
            return amount - committed;
        }
    }

    static Budget overall(long amount, boolean hard, long committed) {
        return new Budget("overall", amount, hard, committed);
    }

    static Budget shipping(long amount, boolean hard, long committed) {
        return new Budget(CATEGORY, amount, hard, committed);
    }

    public static Stream<Case> cases() {
        return Stream.of(
                new Case("a single grant's limit", 2_000L, 10_000L, 1_000, 50_000L, 5_000, null, null, "max_grant", 2_000),
                new Case("the agent's day nearly spent", 2_000L, 10_000L, 8_500, 50_000L, 5_000, null, null,
                        "daily_total", 1_500),
                new Case("the customer near the cap", 2_000L, null, 0, 10_000L, 9_200, null, null, "customer_cap", 800),
                new Case("a soft overall budget", 5_000L, null, 0, null, 0, overall(100_000, false, 99_000), null,
                        "budget", 1_000),
                new Case("a hard category budget under a roomy overall one", null, null, 0, null, 0,
                        overall(100_000, false, 10_000), shipping(20_000, true, 19_700), "budget_hard", 300),
                new Case("a hard overall budget tighter than the category's", null, null, 0, null, 0,
                        overall(50_000, true, 49_900), shipping(20_000, false, 5_000), "budget_hard", 100),
                new Case("a hard budget spent to the cent", 2_000L, null, 0, null, 0, null, shipping(20_000, true, 20_000),
                        "budget_hard", 0),
                new Case("equal room: the rule checked first wins", 1_000L, 10_000L, 9_000, null, 0, null, null,
                        "max_grant", 1_000));
    }

    /** The controls of a case, read through mocked settings and totals. */
    public static Controls controls(Case c) {
        PolicyDao dao = mock(PolicyDao.class);
        when(dao.limit(anyString())).thenReturn(Optional.empty());
        if (c.maxGrant() != null || c.dailyTotal() != null) {
            when(dao.limit("role:" + Role.AGENT.wire()))
                    .thenReturn(Optional.of(new PolicyDao.LimitRow("role:agent", c.maxGrant(), c.dailyTotal())));
        }
        when(dao.agentCommitted(AGENT, "2026-11-30")).thenReturn(c.agentToday());
        when(dao.cap()).thenReturn(c.customerCap() == null ? Optional.empty()
                : Optional.of(new PolicyDao.CapRow(c.customerCap(), 90)));
        when(dao.budget(anyString())).thenReturn(Optional.empty());
        for (Budget budget : new Budget[] {c.overall(), c.category()}) {
            if (budget != null) {
                when(dao.budget(budget.scope())).thenReturn(Optional.of(
                        new PolicyDao.BudgetRow(budget.scope(), budget.amount(), budget.hard() ? "hard" : "soft")));
                when(dao.budgetCommitted(budget.scope(), "2026-11")).thenReturn(budget.committed());
            }
        }
        GoodwillTotals totals = mock(GoodwillTotals.class);
        when(totals.since(eq(CUSTOMER), any())).thenReturn(new PolicyDao.Goodwill(3, c.received()));
        return new Controls(dao, totals, java.time.Duration.ZERO, java.time.Clock.systemUTC());
    }

    /** Judging over a case's controls; nothing is counted, so the tally is never written to. */
    public static Judging judging(Case c) {
        Controls controls = controls(c);
        GoodwillTotals totals = mock(GoodwillTotals.class);
        when(totals.since(anyString(), any())).thenReturn(new PolicyDao.Goodwill(0, 0));
        return new Judging(controls, tally(controls), totals, null, new Amounts("EUR"), CLOCK);
    }

    /** The tally over a case's controls, for what reads budgets through it (a campaign preview). */
    public static GrantTally tally(Case c) {
        return tally(controls(c));
    }

    private static GrantTally tally(Controls controls) {
        return new GrantTally(mock(PolicyDao.class), mock(UsageDao.class), mock(GoodwillTotals.class), controls,
                mock(Events.class), new Amounts("EUR"), new Ids(CLOCK));
    }

    public static Judging.Subject grant(Long value) {
        return new Judging.Subject(Role.AGENT, AGENT, CUSTOMER, CATEGORY, value, NOW, false);
    }
}
