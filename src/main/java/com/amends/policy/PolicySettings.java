package com.amends.policy;

import com.amends.auth.Role;
import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of the controls, all in one accounting currency: limits per role and agent, the
 * per-customer cap, and monthly budgets with what is committed against them. A change takes
 * the caller's transaction (the audit event commits with it) and clears the settings grants
 * read from {@link Controls}' short cache; reads need none.
 */
public final class PolicySettings {
    private final PolicyDao dao;
    private final Controls controls;
    private final Amounts amounts;
    private final Clock clock;

    public PolicySettings(Transactor transactor, Controls controls, Amounts amounts, Clock clock) {
        this.dao = transactor.onDemand(PolicyDao.class);
        this.controls = controls;
        this.amounts = amounts;
        this.clock = clock;
    }

    public PolicyView view() {
        Map<String, Limits> roles = new LinkedHashMap<>();
        List<AgentLimits> agents = new ArrayList<>();
        for (PolicyDao.LimitRow row : dao.limits()) {
            if (row.scope().startsWith("role:")) {
                roles.put(row.scope().substring(5), new Limits(amounts.money(row.maxGrant()),
                        amounts.money(row.dailyTotal())));
            } else {
                agents.add(new AgentLimits(row.scope().substring(6), amounts.money(row.maxGrant()),
                        amounts.money(row.dailyTotal())));
            }
        }
        CustomerCap cap = dao.cap().map(c -> new CustomerCap(amounts.money(c.amount()), c.windowDays())).orElse(null);
        return new PolicyView(amounts.currency(), roles, agents, cap);
    }

    public PolicyView setRoleLimits(Tx tx, String role, Limits limits) {
        if (!role.equals(Role.AGENT_NAME) && !role.equals(Role.SUPERVISOR_NAME)) {
            throw new ApiException(ErrorCode.POLICY_NOT_FOUND, "Only agent and supervisor keys grant; there are no limits for " + role);
        }
        return setLimits(tx, "role:" + role, limits);
    }

    public PolicyView setAgentLimits(Tx tx, String agentId, Limits limits) {
        return setLimits(tx, "agent:" + agentId, limits);
    }

    public PolicyView deleteAgentLimits(Tx tx, String agentId) {
        tx.requireOpen();
        controls.changed(tx);
        if (dao.deleteLimit("agent:" + agentId) == 0) {
            throw new ApiException(ErrorCode.POLICY_NOT_FOUND, "Agent " + agentId + " has no limits of their own");
        }
        return view();
    }

    private PolicyView setLimits(Tx tx, String scope, Limits limits) {
        Long max = amounts.amount(limits.maxGrant(), "max_grant");
        Long daily = amounts.amount(limits.dailyTotal(), "daily_total");
        tx.requireOpen();
        controls.changed(tx);
        dao.deleteLimit(scope);
        dao.insertLimit(scope, max, daily, clock.instant());
        return view();
    }

    public PolicyView setCustomerCap(Tx tx, CustomerCap cap) {
        long amount = amounts.amount(cap.amount(), "amount");
        tx.requireOpen();
        controls.changed(tx);
        dao.deleteCap();
        dao.insertCap(amount, cap.windowDays(), clock.instant());
        return view();
    }

    public PolicyView deleteCustomerCap(Tx tx) {
        tx.requireOpen();
        controls.changed(tx);
        if (dao.deleteCap() == 0) {
            throw new ApiException(ErrorCode.POLICY_NOT_FOUND, "There is no per-customer cap");
        }
        return view();
    }

    public List<BudgetView> budgets(YearMonth month) {
        return dao.budgets().stream().map(b -> budgetView(b, month.toString())).toList();
    }

    public BudgetView setBudget(Tx tx, String scope, BudgetRequest request) {
        long amount = amounts.amount(request.amount(), "amount");
        tx.requireOpen();
        controls.changed(tx);
        dao.deleteBudget(scope);
        dao.insertBudget(scope, amount, request.mode(), clock.instant());
        return budgetView(dao.budget(scope).orElseThrow(), Controls.month(clock.instant()));
    }

    /** Answers the budget as it was just before, as the other deletions answer what they removed. */
    public BudgetView deleteBudget(Tx tx, String scope) {
        tx.requireOpen();
        controls.changed(tx);
        BudgetView was = dao.budget(scope).map(b -> budgetView(b, Controls.month(clock.instant()))).orElse(null);
        if (was == null || dao.deleteBudget(scope) == 0) {
            throw new ApiException(ErrorCode.POLICY_NOT_FOUND, "There is no budget for " + scope);
        }
        return was;
    }

    /** Room under each budget this month for a category, for a campaign preview. */
    public List<BudgetView> budgetsOf(String category, Instant at) {
        return controls.budgets(category, at).rooms().stream().map(amounts::budgetView).toList();
    }

    private BudgetView budgetView(PolicyDao.BudgetRow budget, String month) {
        return amounts.budgetView(Headroom.Room.budget(budget.scope(), month, budget.amount(),
                dao.budgetCommitted(budget.scope(), month), budget.mode().equals("hard")));
    }
}
