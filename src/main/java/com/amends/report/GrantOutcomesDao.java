package com.amends.report;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Folds a closed day's postings into each grant's outcome (see 012-grant-outcomes.sql). Runs in
 * the day-sums job's transaction, under its lock, so no two folds of a day meet.
 */
interface GrantOutcomesDao extends UtcSession {
    /**
     * Whole seconds from b to a, rounded down as {@code Duration.toSeconds} does. The same text
     * holds in H2 and PostgreSQL: H2's DATEDIFF counts second boundaries crossed (one too many
     * from .9 to 1.2) and PostgreSQL's cast to BIGINT rounds, so neither matches on its own.
     */
    static String secondsBetween(String a, String b) {
        return "CAST(FLOOR(EXTRACT(EPOCH FROM " + a + ") - EXTRACT(EPOCH FROM " + b + ")) AS BIGINT)";
    }

    /**
     * A first redemption already folded is earlier than this day's: days are folded in order. A new
     * row is the grant's counted one if it is the first of the grant's units today and no earlier
     * row is counted (rows of this statement are not counted but for the first unit, so whether the
     * database shows them to the NOT EXISTS does not matter).
     */
    @SqlUpdate("""
            MERGE INTO grant_outcomes o
            USING (SELECT p.grant_id, p.unit, g.created_at AS granted_at, g.reason_code, g.category, g.agent_id,
                          g.channel, g.campaign_id,
                          SUM(CASE WHEN LEFT(p.account_id, 9) = 'goodwill:' THEN -p.amount ELSE 0 END) AS issued,
                          SUM(CASE WHEN p.account_id = 'redeemed' THEN p.amount ELSE 0 END) AS redeemed,
                          MIN(CASE WHEN p.account_id = 'redeemed' AND p.amount > 0 THEN p.created_at END)
                              AS first_redeemed_at,
                          ROW_NUMBER() OVER (PARTITION BY p.grant_id ORDER BY p.unit) AS unit_rank
                     FROM journal_entries e
                     JOIN postings p ON p.entry_id = e.id
                     JOIN grants g ON g.id = p.grant_id
                    WHERE e.created_at >= :start AND e.created_at < :end AND p.grant_id IS NOT NULL
                      AND (LEFT(p.account_id, 9) = 'goodwill:' OR p.account_id = 'redeemed')
                    GROUP BY p.grant_id, p.unit, g.created_at, g.reason_code, g.category, g.agent_id, g.channel,
                             g.campaign_id) s
               ON o.grant_id = s.grant_id AND o.unit = s.unit
             WHEN MATCHED THEN UPDATE SET
                  issued = o.issued + s.issued,
                  redeemed = o.redeemed + s.redeemed,
                  first_redeemed_at = COALESCE(o.first_redeemed_at, s.first_redeemed_at),
                  seconds_to_first = COALESCE(o.seconds_to_first, <secondsToFirst>)
             WHEN NOT MATCHED THEN INSERT (grant_id, unit, granted_at, reason_code, category, agent_id, channel,
                                           campaign_id, issued, redeemed, first_redeemed_at, seconds_to_first, counted)
                  VALUES (s.grant_id, s.unit, s.granted_at, s.reason_code, s.category, s.agent_id, s.channel,
                          s.campaign_id, s.issued, s.redeemed, s.first_redeemed_at, <secondsToFirst>,
                          CASE WHEN s.unit_rank = 1 AND NOT EXISTS (SELECT 1 FROM grant_outcomes c
                                                                     WHERE c.grant_id = s.grant_id AND c.counted = 1)
                               THEN 1 ELSE 0 END)
            """)
    int fold(@Define String secondsToFirst, Instant start, Instant end);

    /**
     * Folds the day: takes its grants' outcomes out of their months, folds, and puts them back as
     * folded (see 017-sums-by-month.sql); then copies the first redemptions it folded into
     * grant_firsts.
     */
    default void foldDay(Instant start, Instant end) {
        utc();
        addToMonths(-1, start, end);
        fold(secondsBetween("s.first_redeemed_at", "s.granted_at"), start, end);
        addToMonths(1, start, end);
        addFirstsToMonths(start, end);
        recordFirsts(start, end);
    }

    /**
     * Adds {@code sign} times the outcomes of the grants the day's fold touches (those with goodwill
     * or a redemption posted that day) to their months. The month of a grant is its UTC month: the
     * session is in UTC (see {@link UtcSession}), and H2 truncates a time with a zone in its own
     * offset, so the time is made a date first.
     */
    @SqlUpdate("""
            MERGE INTO outcome_months m
            USING (SELECT granted_month, reason_code, category, agent_id, channel, campaign_id, unit,
                          SUM(counted) * :sign AS grants, SUM(issued) * :sign AS issued, SUM(redeemed) * :sign AS redeemed
                     FROM (SELECT CAST(DATE_TRUNC('MONTH', CAST(o.granted_at AS DATE)) AS DATE) AS granted_month,
                                  o.reason_code, COALESCE(o.category, '') AS category, o.agent_id, o.channel,
                                  COALESCE(o.campaign_id, '') AS campaign_id, o.unit, o.counted, o.issued, o.redeemed
                             FROM grant_outcomes o
                            WHERE o.grant_id IN (SELECT p.grant_id FROM journal_entries e JOIN postings p ON p.entry_id = e.id
                                                  WHERE e.created_at >= :start AND e.created_at < :end
                                                    AND p.grant_id IS NOT NULL
                                                    AND (LEFT(p.account_id, 9) = 'goodwill:' OR p.account_id = 'redeemed'))) x
                    GROUP BY granted_month, reason_code, category, agent_id, channel, campaign_id, unit) s
               ON m.granted_month = s.granted_month AND m.reason_code = s.reason_code AND m.category = s.category
                  AND m.agent_id = s.agent_id AND m.channel = s.channel AND m.campaign_id = s.campaign_id
                  AND m.unit = s.unit
             WHEN MATCHED THEN UPDATE SET grants = m.grants + s.grants, issued = m.issued + s.issued,
                                          redeemed = m.redeemed + s.redeemed
             WHEN NOT MATCHED THEN INSERT (granted_month, reason_code, category, agent_id, channel, campaign_id, unit,
                                           grants, issued, redeemed)
                  VALUES (s.granted_month, s.reason_code, s.category, s.agent_id, s.channel, s.campaign_id, s.unit,
                          s.grants, s.issued, s.redeemed)
            """)
    void addToMonths(long sign, Instant start, Instant end);

    /** The grants {@link #countIdle} counts are added to their months as it counts them (see there). */
    default void countIdleDay(Instant madeFrom, Instant start, Instant end) {
        utc();
        addIdleToMonths(madeFrom, start, end);
        countIdle(madeFrom, start, end);
    }

    @SqlUpdate("""
            MERGE INTO outcome_months m
            USING (SELECT granted_month, reason_code, category, agent_id, channel, campaign_id, COUNT(*) AS grants
                     FROM (SELECT CAST(DATE_TRUNC('MONTH', CAST(g.created_at AS DATE)) AS DATE) AS granted_month,
                                  g.reason_code, COALESCE(g.category, '') AS category, g.agent_id, g.channel,
                                  COALESCE(g.campaign_id, '') AS campaign_id
                             FROM grants g
                            WHERE <idle>) x
                    GROUP BY granted_month, reason_code, category, agent_id, channel, campaign_id) s
               ON m.granted_month = s.granted_month AND m.reason_code = s.reason_code AND m.category = s.category
                  AND m.agent_id = s.agent_id AND m.channel = s.channel AND m.campaign_id = s.campaign_id
                  AND m.unit = ''
             WHEN MATCHED THEN UPDATE SET grants = m.grants + s.grants
             WHEN NOT MATCHED THEN INSERT (granted_month, reason_code, category, agent_id, channel, campaign_id, unit,
                                           grants, issued, redeemed)
                  VALUES (s.granted_month, s.reason_code, s.category, s.agent_id, s.channel, s.campaign_id, '',
                          s.grants, 0, 0)
            """)
    void addIdleToMonths(@Define String idle, Instant madeFrom, Instant start, Instant end);

    default void addIdleToMonths(Instant madeFrom, Instant start, Instant end) {
        addIdleToMonths(IDLE, madeFrom, start, end);
    }

    /**
     * Adds the day's first redemptions to their months' lists (see 017-sums-by-month.sql), the same
     * ones {@link #recordFirsts} then copies, and before it, so that both see the same NOT EXISTS.
     */
    @SqlUpdate("""
            MERGE INTO outcome_months m
            USING (SELECT granted_month, reason_code, category, agent_id, channel, campaign_id, unit,
                          STRING_AGG(CAST(seconds_to_first AS VARCHAR), ',') AS firsts
                     FROM (SELECT CAST(DATE_TRUNC('MONTH', CAST(o.granted_at AS DATE)) AS DATE) AS granted_month,
                                  o.reason_code, COALESCE(o.category, '') AS category, o.agent_id, o.channel,
                                  COALESCE(o.campaign_id, '') AS campaign_id, o.unit, o.seconds_to_first
                             FROM grant_outcomes o
                            WHERE o.first_redeemed_at >= :start AND o.first_redeemed_at < :end
                              AND NOT EXISTS (SELECT 1 FROM grant_firsts f
                                               WHERE f.grant_id = o.grant_id AND f.unit = o.unit)) x
                    GROUP BY granted_month, reason_code, category, agent_id, channel, campaign_id, unit) s
               ON m.granted_month = s.granted_month AND m.reason_code = s.reason_code AND m.category = s.category
                  AND m.agent_id = s.agent_id AND m.channel = s.channel AND m.campaign_id = s.campaign_id
                  AND m.unit = s.unit
             WHEN MATCHED THEN UPDATE SET firsts = CASE WHEN m.firsts = '' THEN s.firsts
                                                        ELSE m.firsts || ',' || s.firsts END
             WHEN NOT MATCHED THEN INSERT (granted_month, reason_code, category, agent_id, channel, campaign_id, unit,
                                           grants, issued, redeemed, firsts)
                  VALUES (s.granted_month, s.reason_code, s.category, s.agent_id, s.channel, s.campaign_id, s.unit,
                          0, 0, 0, s.firsts)
            """)
    void addFirstsToMonths(Instant start, Instant end);

    /** A first redemption is set once, on the day it fell; the NOT EXISTS keeps a day folded again from copying it twice. */
    @SqlUpdate("""
            INSERT INTO grant_firsts (grant_id, unit, granted_at, reason_code, category, agent_id, channel, campaign_id,
                                      seconds_to_first)
            SELECT o.grant_id, o.unit, o.granted_at, o.reason_code, o.category, o.agent_id, o.channel, o.campaign_id,
                   o.seconds_to_first
              FROM grant_outcomes o
             WHERE o.first_redeemed_at >= :start AND o.first_redeemed_at < :end
               AND NOT EXISTS (SELECT 1 FROM grant_firsts f WHERE f.grant_id = o.grant_id AND f.unit = o.unit)
            """)
    int recordFirsts(Instant start, Instant end);

    /**
     * Grants issued on the day that moved no value yet (a percent voucher costs nothing until it
     * is spent) still count among the grants of their period. A grant is issued when it is made
     * or, if it waited for approval, when approved, which is within the approval timeout of its
     * making: {@code madeFrom} bounds the grants read by their indexed time. The status is
     * wrapped so that H2 does not read the grants through their status index (every issued grant
     * of all time, for each day summed: minutes for a year of a million grants).
     */
    @SqlUpdate("""
            INSERT INTO grant_outcomes (grant_id, unit, granted_at, reason_code, category, agent_id, channel,
                                        campaign_id, issued, redeemed, counted)
            SELECT g.id, '', g.created_at, g.reason_code, g.category, g.agent_id, g.channel, g.campaign_id, 0, 0, 1
              FROM grants g
             WHERE <idle>
            """)
    int countIdle(@Define String idle, Instant madeFrom, Instant start, Instant end);

    default int countIdle(Instant madeFrom, Instant start, Instant end) {
        return countIdle(IDLE, madeFrom, start, end);
    }

    String IDLE = """
            g.created_at >= :madeFrom AND g.created_at < :end
               AND COALESCE(g.decided_at, g.created_at) >= :start AND COALESCE(g.decided_at, g.created_at) < :end
               AND COALESCE(g.status, '') IN ('issued', 'revoked')
               AND NOT EXISTS (SELECT 1 FROM grant_outcomes o WHERE o.grant_id = g.id)""";
}
