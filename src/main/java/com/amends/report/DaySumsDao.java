package com.amends.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface DaySumsDao {
    @SqlQuery("SELECT summed_through FROM day_sums_state WHERE id = 1")
    Optional<LocalDate> summedThrough();

    @SqlQuery("SELECT summed_through FROM day_sums_state WHERE id = 1 <forUpdate>")
    Optional<LocalDate> lockSummedThrough();

    @SqlUpdate("UPDATE day_sums_state SET summed_through = :day WHERE id = 1")
    void setSummedThrough(LocalDate day);

    @SqlQuery("SELECT MIN(created_at) FROM journal_entries")
    Optional<Instant> firstEntry();

    /** One day's postings, summed by what reports filter and group on. */
    @SqlUpdate("""
            INSERT INTO day_sums (posted_on, account_id, wallet, unit, reason_code, category, agent_id, channel,
                                  campaign_id, amount)
            SELECT :day,
                   CASE WHEN p.account_id LIKE 'hold:%' THEN 'hold:'
                        WHEN p.balance_after IS NOT NULL THEN 'wallet:' ELSE p.account_id END,
                   p.balance_after IS NOT NULL, p.unit, g.reason_code, g.category, g.agent_id,
                   g.channel, g.campaign_id, SUM(p.amount)
              FROM journal_entries e
              JOIN postings p ON p.entry_id = e.id
              LEFT JOIN grants g ON g.id = p.grant_id
             WHERE e.created_at >= :start AND e.created_at < :end
             GROUP BY
                   CASE WHEN p.account_id LIKE 'hold:%' THEN 'hold:'
                        WHEN p.balance_after IS NOT NULL THEN 'wallet:' ELSE p.account_id END,
                   p.balance_after IS NOT NULL, p.unit, g.reason_code, g.category, g.agent_id, g.channel,
                   g.campaign_id
            """)
    int sumDay(LocalDate day, Instant start, Instant end);

    /** A whole month's day sums, summed by month (see 017-sums-by-month.sql); posted_on is the month's first day. */
    @SqlUpdate("""
            INSERT INTO month_sums (posted_on, account_id, wallet, unit, reason_code, category, agent_id, channel,
                                    campaign_id, amount)
            SELECT :month, account_id, wallet, unit, reason_code, category, agent_id, channel, campaign_id, SUM(amount)
              FROM day_sums
             WHERE posted_on >= :month AND posted_on < :next
             GROUP BY account_id, wallet, unit, reason_code, category, agent_id, channel, campaign_id
            """)
    void sumMonth(LocalDate month, LocalDate next);
}
