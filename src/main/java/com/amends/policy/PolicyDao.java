package com.amends.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface PolicyDao {

    @SqlQuery("SELECT scope, max_grant, daily_total FROM limit_policies ORDER BY scope")
    @RegisterConstructorMapper(LimitRow.class)
    List<LimitRow> limits();

    @SqlQuery("SELECT scope, max_grant, daily_total FROM limit_policies WHERE scope = :scope")
    @RegisterConstructorMapper(LimitRow.class)
    Optional<LimitRow> limit(String scope);

    @SqlUpdate("DELETE FROM limit_policies WHERE scope = :scope")
    int deleteLimit(String scope);

    @SqlUpdate("INSERT INTO limit_policies (scope, max_grant, daily_total, updated_at) VALUES (:scope, :maxGrant, :dailyTotal, :now)")
    void insertLimit(String scope, Long maxGrant, Long dailyTotal, Instant now);

    @SqlQuery("SELECT amount, window_days FROM customer_caps WHERE id = 1")
    @RegisterConstructorMapper(CapRow.class)
    Optional<CapRow> cap();

    @SqlUpdate("DELETE FROM customer_caps WHERE id = 1")
    int deleteCap();

    @SqlUpdate("INSERT INTO customer_caps (id, amount, window_days, updated_at) VALUES (1, :amount, :windowDays, :now)")
    void insertCap(long amount, int windowDays, Instant now);

    @SqlQuery("SELECT scope, amount, mode FROM budgets ORDER BY scope")
    @RegisterConstructorMapper(BudgetRow.class)
    List<BudgetRow> budgets();

    @SqlQuery("SELECT scope, amount, mode FROM budgets WHERE scope = :scope")
    @RegisterConstructorMapper(BudgetRow.class)
    Optional<BudgetRow> budget(String scope);

    @SqlUpdate("DELETE FROM budgets WHERE scope = :scope")
    int deleteBudget(String scope);

    @SqlUpdate("INSERT INTO budgets (scope, amount, mode, updated_at) VALUES (:scope, :amount, :mode, :now)")
    void insertBudget(String scope, long amount, String mode, Instant now);

    @SqlQuery("SELECT COALESCE(MAX(committed), 0) FROM budget_usage WHERE scope = :scope AND budget_month = :month")
    long budgetCommitted(String scope, String month);

    /** Answers 1 the first time a budget passes this threshold in this month, 0 after. */
    @SqlUpdate("INSERT INTO budget_alerts (scope, budget_month, threshold) VALUES (:scope, :month, :threshold) ON CONFLICT DO NOTHING")
    int alert(String scope, String month, int threshold);

    @SqlUpdate("INSERT INTO budget_usage (scope, budget_month, committed) VALUES (:scope, :month, 0) ON CONFLICT DO NOTHING")
    void ensureBudgetUsage(String scope, String month);

    /** Takes the row lock that makes grants racing for one budget take turns. */
    @SqlUpdate("UPDATE budget_usage SET committed = committed + :amount WHERE scope = :scope AND budget_month = :month")
    void addBudgetUsage(String scope, String month, long amount);

    /** As {@link #addBudgetUsage}, answering what the row holds after it; empty when there is no row yet. */
    @SqlUpdate("UPDATE budget_usage SET committed = committed + :amount WHERE scope = :scope AND budget_month = :month")
    @GetGeneratedKeys("committed")
    Optional<Long> addBudgetUsageReturning(String scope, String month, long amount);

    @SqlQuery("SELECT COALESCE(MAX(committed), 0) FROM agent_usage WHERE agent_id = :agentId AND usage_day = :day")
    long agentCommitted(String agentId, String day);

    @SqlUpdate("INSERT INTO agent_usage (agent_id, usage_day, committed) VALUES (:agentId, :day, 0) ON CONFLICT DO NOTHING")
    void ensureAgentUsage(String agentId, String day);

    @SqlUpdate("UPDATE agent_usage SET committed = committed + :amount WHERE agent_id = :agentId AND usage_day = :day")
    void addAgentUsage(String agentId, String day, long amount);

    @SqlUpdate("UPDATE agent_usage SET committed = committed + :amount WHERE agent_id = :agentId AND usage_day = :day")
    @GetGeneratedKeys("committed")
    Optional<Long> addAgentUsageReturning(String agentId, String day, long amount);

    record LimitRow(String scope, Long maxGrant, Long dailyTotal) {}

    record CapRow(long amount, int windowDays) {}

    record BudgetRow(String scope, long amount, String mode) {}

    record Goodwill(long grants, long totalValue) {}
}
