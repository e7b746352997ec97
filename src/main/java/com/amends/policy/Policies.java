package com.amends.policy;

import com.amends.auth.Role;
import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Money;
import com.amends.platform.Transactor;
import com.amends.points.PointValues;
import com.amends.reward.Reward;
import com.amends.reward.VoucherType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The controls on goodwill: limits per role and agent, a per-customer cap, and monthly budgets,
 * all kept in one accounting currency. {@link #commit} judges a new grant inside its
 * transaction: a hard budget refuses it; anything else it breaks sends it for approval.
 *
 * <p>What grants commit is counted in usage rows (per budget scope and month, per agent and
 * day), and only where a budget or daily limit exists; the grant remembers which rows it was
 * counted in ({@code usage_keys}), so a rejection takes back exactly what it added. Updating
 * a usage row locks it, which is what keeps grants racing for the last of a budget in turn.
 */
public final class Policies {
    public static final int RECENT_DAYS = 90;
    static final String OVERALL = "overall";

    private final Transactor tx;
    private final PolicyDao dao;
    private final PointValues pointValues;
    private final String currency;
    private final GoodwillTotals totals;
    private final Clock clock;

    public Policies(Transactor tx, PointValues pointValues, String currency, GoodwillTotals totals, Clock clock) {
        this.tx = tx;
        this.dao = tx.onDemand(PolicyDao.class);
        this.totals = totals;
        this.pointValues = pointValues;
        this.currency = currency;
        this.clock = clock;
    }

    public String currency() {
        return currency;
    }

    // ---- settings -------------------------------------------------------------------------

    public PolicyView view() {
        Map<String, Limits> roles = new LinkedHashMap<>();
        List<AgentLimits> agents = new ArrayList<>();
        for (PolicyDao.LimitRow row : dao.limits()) {
            if (row.scope().startsWith("role:")) {
                roles.put(row.scope().substring(5), new Limits(money(row.maxGrant()), money(row.dailyTotal())));
            } else {
                agents.add(new AgentLimits(row.scope().substring(6), money(row.maxGrant()), money(row.dailyTotal())));
            }
        }
        CustomerCap cap = dao.cap().map(c -> new CustomerCap(money(c.amount()), c.windowDays())).orElse(null);
        return new PolicyView(currency, roles, agents, cap);
    }

    public PolicyView setRoleLimits(String role, Limits limits) {
        if (!role.equals(Role.AGENT_NAME) && !role.equals(Role.SUPERVISOR_NAME)) {
            throw new ApiException(ErrorCode.POLICY_NOT_FOUND, "Only agent and supervisor keys grant; there are no limits for " + role);
        }
        return setLimits("role:" + role, limits);
    }

    public PolicyView setAgentLimits(String agentId, Limits limits) {
        return setLimits("agent:" + agentId, limits);
    }

    public PolicyView deleteAgentLimits(String agentId) {
        if (dao.deleteLimit("agent:" + agentId) == 0) {
            throw new ApiException(ErrorCode.POLICY_NOT_FOUND, "Agent " + agentId + " has no limits of their own");
        }
        return view();
    }

    private PolicyView setLimits(String scope, Limits limits) {
        Long max = amount(limits.maxGrant(), "max_grant");
        Long daily = amount(limits.dailyTotal(), "daily_total");
        tx.run(() -> {
            dao.deleteLimit(scope);
            dao.insertLimit(scope, max, daily, clock.instant());
        });
        return view();
    }

    public PolicyView setCustomerCap(CustomerCap cap) {
        long amount = amount(cap.amount(), "amount");
        tx.run(() -> {
            dao.deleteCap();
            dao.insertCap(amount, cap.windowDays(), clock.instant());
        });
        return view();
    }

    public PolicyView deleteCustomerCap() {
        dao.deleteCap();
        return view();
    }

    public List<BudgetView> budgets(YearMonth month) {
        return dao.budgets().stream().map(b -> budgetView(b, month)).toList();
    }

    public BudgetView setBudget(String scope, BudgetRequest request) {
        long amount = amount(request.amount(), "amount");
        tx.run(() -> {
            dao.deleteBudget(scope);
            dao.insertBudget(scope, amount, request.mode(), clock.instant());
        });
        return budgetView(dao.budget(scope).orElseThrow(), YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)));
    }

    public void deleteBudget(String scope) {
        if (dao.deleteBudget(scope) == 0) {
            throw new ApiException(ErrorCode.POLICY_NOT_FOUND, "There is no budget for " + scope);
        }
    }

    private BudgetView budgetView(PolicyDao.BudgetRow budget, YearMonth month) {
        long committed = dao.budgetCommitted(budget.scope(), month.toString());
        return new BudgetView(budget.scope(), month.toString(), money(budget.amount()), budget.mode(), money(committed),
                money(budget.amount() - committed));
    }

    // ---- judging grants ---------------------------------------------------------------------

    /** A reward's value in the accounting currency; empty when it cannot be valued in it. */
    public Optional<Long> value(Reward reward) {
        if (reward.points() != null) {
            return Optional.of(pointValues.value(reward.points(), currency).amount());
        }
        if (reward.voucher().type() == VoucherType.AMOUNT) {
            Money value = reward.voucher().value();
            return value.currency().equals(currency) ? Optional.of(value.amount()) : Optional.empty();
        }
        Money cap = reward.voucher().maxDiscount();
        return cap != null && cap.currency().equals(currency) ? Optional.of(cap.amount()) : Optional.empty();
    }

    /**
     * Judges a grant and counts it, inside the grant's transaction (the customer's row locked).
     * Throws budget_exhausted for a hard budget; answers the rules that send it for approval.
     */
    public Judgement commit(Subject grant) {
        return judge(grant, true);
    }

    /** What {@link #commit} would answer, without counting anything. */
    public Judgement preview(Subject grant) {
        return judge(grant, false);
    }

    private Judgement judge(Subject grant, boolean count) {
        List<Violation> violations = new ArrayList<>();
        List<String> usage = new ArrayList<>();
        if (grant.topUp()) {
            violations.add(new Violation("top_up", "A second grant for the same case always needs approval",
                    null, null, null));
        }
        Effective limits = effective(grant.role(), grant.agentId());
        Optional<PolicyDao.CapRow> cap = dao.cap();
        List<PolicyDao.BudgetRow> budgets = budgetsFor(grant.category());
        if (grant.value() == null) {
            if (limits.any() || cap.isPresent() || !budgets.isEmpty()) {
                violations.add(new Violation("not_valued", "The reward cannot be valued in " + currency
                        + ", so limits cannot clear it", null, null, null));
            }
            return new Judgement(violations, usage);
        }
        long value = grant.value();
        if (limits.maxGrant() != null && value > limits.maxGrant()) {
            violations.add(new Violation("max_grant", "A single grant above " + format(limits.maxGrant()) + " needs approval",
                    money(limits.maxGrant()), money(value), null));
        }
        if (limits.dailyTotal() != null) {
            String day = grant.at().atZone(ZoneOffset.UTC).toLocalDate().toString();
            long today = dao.agentCommitted(grant.agentId(), day) + value;
            if (count) {
                dao.ensureAgentUsage(grant.agentId(), day);
                dao.addAgentUsage(grant.agentId(), day, value);
                today = dao.agentCommitted(grant.agentId(), day);
                usage.add("agent|" + grant.agentId() + "|" + day);
            }
            if (today > limits.dailyTotal()) {
                violations.add(new Violation("daily_total", "Agent " + grant.agentId() + " would pass the daily total of "
                        + format(limits.dailyTotal()), money(limits.dailyTotal()), money(today), null));
            }
        }
        if (cap.isPresent()) {
            Instant since = grant.at().minus(Duration.ofDays(cap.get().windowDays()));
            long received = totals.since(grant.customerId(), since).totalValue() + value;
            if (received > cap.get().amount()) {
                violations.add(new Violation("customer_cap", "The customer would pass " + format(cap.get().amount())
                        + " of goodwill in " + cap.get().windowDays() + " days", money(cap.get().amount()),
                        money(received), null));
            }
        }
        String month = YearMonth.from(grant.at().atZone(ZoneOffset.UTC)).toString();
        for (PolicyDao.BudgetRow budget : budgets) {
            long committed = dao.budgetCommitted(budget.scope(), month) + value;
            if (count) {
                dao.ensureBudgetUsage(budget.scope(), month);
                dao.addBudgetUsage(budget.scope(), month, value);
                committed = dao.budgetCommitted(budget.scope(), month);
                usage.add("budget|" + budget.scope() + "|" + month);
            }
            long room = budget.amount() - (committed - value);
            if (committed > budget.amount()) {
                if (budget.mode().equals("hard")) {
                    throw new ApiException(ErrorCode.BUDGET_EXHAUSTED,
                            "The " + budget.scope() + " budget of " + format(budget.amount()) + " for " + month
                                    + " has " + format(Math.max(0, room)) + " left",
                            List.of(), Map.of("scope", budget.scope(), "limit", money(budget.amount()),
                                    "value", money(committed)));
                }
                violations.add(new Violation("budget", "The " + budget.scope() + " budget for " + month + " would be passed",
                        money(budget.amount()), money(committed), budget.scope()));
            }
        }
        return new Judgement(violations, usage);
    }

    /**
     * Counts {@code wanted} grants of {@code unitValue} each against the month's budgets, as many
     * as the hard budgets have room for. A campaign's supervisor has approved the campaign, so
     * soft budgets count the grants but do not stop them. A reward that cannot be valued fits
     * under no hard budget.
     */
    public Bulk commitBulk(String category, Instant at, Long unitValue, long wanted) {
        String month = YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
        List<PolicyDao.BudgetRow> budgets = budgetsFor(category);
        if (unitValue == null) {
            boolean hard = budgets.stream().anyMatch(b -> b.mode().equals("hard"));
            return new Bulk(hard ? 0 : wanted, "");
        }
        long fit = wanted;
        List<String> keys = new ArrayList<>();
        for (PolicyDao.BudgetRow budget : budgets) {
            dao.ensureBudgetUsage(budget.scope(), month);
            dao.addBudgetUsage(budget.scope(), month, 0); // lock the row before reading it
            if (budget.mode().equals("hard") && unitValue > 0) {
                long room = budget.amount() - dao.budgetCommitted(budget.scope(), month);
                fit = Math.min(fit, Math.max(0, room / unitValue));
            }
            keys.add("budget|" + budget.scope() + "|" + month);
        }
        for (PolicyDao.BudgetRow budget : budgets) {
            dao.addBudgetUsage(budget.scope(), month, Math.multiplyExact(fit, unitValue));
        }
        return new Bulk(fit, String.join(";", keys));
    }

    /** How many of a bulk request fit, and the usage rows each of them was counted in. */
    public record Bulk(long fit, String usageKeys) {}

    /** Room under each budget this month for a category, for a campaign preview. */
    public List<BudgetView> budgetsOf(String category, Instant at) {
        YearMonth month = YearMonth.from(at.atZone(ZoneOffset.UTC));
        return budgetsFor(category).stream().map(b -> budgetView(b, month)).toList();
    }

    /** Takes back what a grant counted, when it is rejected or its approval expires. */
    public void release(String usageKeys, long value) {
        if (usageKeys == null || usageKeys.isEmpty()) {
            return;
        }
        for (String key : usageKeys.split(";")) {
            String[] part = key.split("\\|", 3);
            if (part[0].equals("agent")) {
                dao.addAgentUsage(part[1], part[2], -value);
            } else {
                dao.addBudgetUsage(part[1], part[2], -value);
            }
        }
    }

    /**
     * On approval: counts the grant against budgets set since it was made, and refuses when a
     * hard budget it counts in is over (an admin may have lowered it). Answers the usage keys
     * the grant now has.
     */
    public String countOnApproval(String category, Instant createdAt, Long value, String usageKeys) {
        String month = YearMonth.from(createdAt.atZone(ZoneOffset.UTC)).toString();
        List<String> keys = new ArrayList<>(usageKeys == null || usageKeys.isEmpty()
                ? List.of() : List.of(usageKeys.split(";")));
        for (PolicyDao.BudgetRow budget : budgetsFor(category)) {
            String key = "budget|" + budget.scope() + "|" + month;
            if (value != null && !keys.contains(key)) {
                dao.ensureBudgetUsage(budget.scope(), month);
                dao.addBudgetUsage(budget.scope(), month, value);
                keys.add(key);
            }
            long committed = dao.budgetCommitted(budget.scope(), month);
            if (budget.mode().equals("hard") && committed > budget.amount()) {
                throw new ApiException(ErrorCode.BUDGET_EXHAUSTED, "The " + budget.scope() + " budget for " + month
                        + " is spent: " + format(committed) + " committed of " + format(budget.amount()),
                        List.of(), Map.of("scope", budget.scope(), "limit", money(budget.amount()), "value", money(committed)));
            }
        }
        return String.join(";", keys);
    }

    public RecentGoodwill recentGoodwill(String customerId) {
        PolicyDao.Goodwill recent = totals.since(customerId,
                clock.instant().minus(Duration.ofDays(RECENT_DAYS)));
        return new RecentGoodwill(RECENT_DAYS, recent.grants(), money(recent.totalValue()));
    }

    /**
     * The most a grant can be worth now without approval, and the rule that sets it: the same
     * arithmetic as {@link #commit}, solved for the value.
     */
    public Allowance allowance(Subject probe, Reward suggested, String compensatedBy) {
        Effective limits = effective(probe.role(), probe.agentId());
        Long max = null;
        String by = null;
        if (limits.maxGrant() != null) {
            max = limits.maxGrant();
            by = "max_grant";
        }
        if (limits.dailyTotal() != null) {
            String day = probe.at().atZone(ZoneOffset.UTC).toLocalDate().toString();
            long room = limits.dailyTotal() - dao.agentCommitted(probe.agentId(), day);
            if (max == null || room < max) {
                max = room;
                by = "daily_total";
            }
        }
        Optional<PolicyDao.CapRow> cap = dao.cap();
        if (cap.isPresent()) {
            Instant since = probe.at().minus(Duration.ofDays(cap.get().windowDays()));
            long room = cap.get().amount() - totals.since(probe.customerId(), since).totalValue();
            if (max == null || room < max) {
                max = room;
                by = "customer_cap";
            }
        }
        String month = YearMonth.from(probe.at().atZone(ZoneOffset.UTC)).toString();
        for (PolicyDao.BudgetRow budget : budgetsFor(probe.category())) {
            long room = budget.amount() - dao.budgetCommitted(budget.scope(), month);
            if (max == null || room < max) {
                max = room;
                by = budget.mode().equals("hard") ? "budget_hard" : "budget";
            }
        }
        if (compensatedBy != null) {
            max = 0L;
            by = "top_up";
        }
        Long suggestedValue = suggested == null ? null : value(suggested).orElse(null);
        boolean overMax = suggested != null
                && (suggestedValue == null ? max != null : max != null && suggestedValue > max);
        boolean refused = overMax && "budget_hard".equals(by) && compensatedBy == null;
        boolean suggestedNeedsApproval = suggested != null && !refused && (compensatedBy != null || overMax);
        return new Allowance(suggested, money(suggestedValue), max == null ? null : money(Math.max(0, max)), by,
                suggestedNeedsApproval, refused, compensatedBy, recentGoodwill(probe.customerId()));
    }

    private List<PolicyDao.BudgetRow> budgetsFor(String category) {
        List<PolicyDao.BudgetRow> budgets = new ArrayList<>();
        dao.budget(OVERALL).ifPresent(budgets::add);
        if (category != null && !category.equals(OVERALL)) {
            dao.budget(category).ifPresent(budgets::add);
        }
        return budgets; // overall first: every grant takes these row locks in the same order
    }

    private Effective effective(Role role, String agentId) {
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
        return new Effective(max, daily);
    }

    private Long amount(Money money, String field) {
        if (money == null) {
            return null;
        }
        if (!money.currency().equals(currency)) {
            throw ApiException.field(ErrorCode.CURRENCY_MISMATCH, field + ".currency",
                    "must be " + currency + ", the currency controls are kept in");
        }
        return money.amount();
    }

    private Money money(Long amount) {
        return amount == null ? null : new Money(amount, currency);
    }

    private String format(long amount) {
        return java.math.BigDecimal.valueOf(amount, java.util.Currency.getInstance(currency).getDefaultFractionDigits())
                .toPlainString() + " " + currency;
    }

    /** What the controls look at in a grant. {@code value} is null when it cannot be valued. */
    public record Subject(Role role, String agentId, String customerId, String category, Long value, Instant at,
                          boolean topUp) {}

    /** The rules a grant broke, and the usage rows it was counted in. */
    public record Judgement(List<Violation> violations, List<String> usageKeys) {
        public boolean needsApproval() {
            return !violations.isEmpty();
        }
    }

    private record Effective(Long maxGrant, Long dailyTotal) {
        boolean any() {
            return maxGrant != null || dailyTotal != null;
        }
    }
}
