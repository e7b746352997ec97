package com.amends.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

interface GoodwillTotalsDao {
    @SqlBatch("""
            INSERT INTO goodwill_totals (customer_id, unit, grants, amount) VALUES (:customerId, :unit, 0, 0)
            ON CONFLICT DO NOTHING
            """)
    void ensureTotals(@BindMethods List<Given> given);

    @SqlBatch("""
            UPDATE goodwill_totals SET grants = grants + 1, amount = amount + :amount
             WHERE customer_id = :customerId AND unit = :unit
            """)
    int[] addTotals(@BindMethods List<Given> given);

    @SqlQuery("SELECT unit, grants, amount FROM goodwill_totals WHERE customer_id = :customerId ORDER BY unit")
    @RegisterConstructorMapper(Total.class)
    List<Total> totalsOf(String customerId);

    @SqlBatch("""
            INSERT INTO goodwill_days (customer_id, granted_on, grants, value_amount) VALUES (:customerId, :day, 0, 0)
            ON CONFLICT DO NOTHING
            """)
    void ensureDays(@BindMethods List<Counted> counted);

    @SqlBatch("""
            UPDATE goodwill_days SET grants = grants + :grants, value_amount = value_amount + :value
             WHERE customer_id = :customerId AND granted_on = :day
            """)
    int[] addDays(@BindMethods List<Counted> counted);

    /**
     * Issued and pending goodwill made after {@code since}: whole days from the running totals,
     * and the part of {@code since}'s own day that follows it from the grants themselves.
     */
    @SqlQuery("""
            SELECT COALESCE(SUM(grants), 0) AS grants, COALESCE(SUM(total_value), 0) AS total_value FROM (
                SELECT grants, value_amount AS total_value FROM goodwill_days
                 WHERE customer_id = :customerId AND granted_on > :sinceDay
                UNION ALL
                SELECT 1, COALESCE(value_amount, 0) FROM grants
                 WHERE customer_id = :customerId AND created_at > :since AND created_at < :nextDay
                   AND status IN ('issued', 'pending_approval')) window_parts
            """)
    @RegisterConstructorMapper(PolicyDao.Goodwill.class)
    PolicyDao.Goodwill since(String customerId, Instant since, LocalDate sinceDay, Instant nextDay);

    /** One grant given (issued): its unit and amount, 0 when the reward has none. */
    record Given(String customerId, String unit, long amount) {}

    /** A change to what counts on one customer's day: +1 grant when it starts counting, -1 when it stops. */
    record Counted(String customerId, LocalDate day, long grants, long value) {}

    record Total(String unit, long grants, long amount) {}
}
