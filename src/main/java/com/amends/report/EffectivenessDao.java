package com.amends.report;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The effectiveness report's reads: the summed days from grant outcomes, grouped in SQL, and the
 * open tail after them from postings, per grant. The group columns are {@code <define>}d from
 * {@link Dimension} (o. for outcomes, g. for grants), or a typed NULL where not grouped by;
 * {@code <outcomes>} is grant_outcomes, or {@link #NO_OUTCOMES} to read everything from postings.
 */
interface EffectivenessDao {
    String OUTCOMES = "grant_outcomes";
    String NO_OUTCOMES = "(SELECT * FROM grant_outcomes WHERE 1 = 0)";

    /**
     * One group's grants over the summed days (values as {@code Valuation.value} gives them, per
     * grant), and the lower median of the seconds to a first redemption over the summed days and
     * the tail together.
     */
    record Summed(String firstKey, String secondKey, long grants, long redeemedGrants, long issuedValue,
                  long redeemedValue, Long median) {}

    /** One grant's postings in one unit after the summed days, beside what the summed days hold of it. */
    record Tail(String grantId, String unit, String firstKey, String secondKey, long issued, long redeemed,
                Instant firstRedeemed, long summedIssued, long summedRedeemed, boolean summed, boolean summedFirst) {}

    /** A grant issued in the tail (made, or approved), which may have moved no value yet. */
    record Recent(String grantId, String firstKey, String secondKey) {}

    /**
     * One pass over the period's outcomes. A grant's first redemption is in its outcome if it fell
     * on a summed day, else in the tail: the two sets are disjoint, so one ordered aggregate takes
     * both. The tail's rows (tail = 1) add to the median only; the tail's counts and sums are added
     * by the caller from {@link #tail}. A grant has one counted row, and at most one row in a valued
     * unit (points grants are in points, vouchers in their currency), so rows with seconds are grants.
     * The tail's account is wrapped so that H2 finds its postings through the entries' time index
     * rather than through the account index, which holds every redemption ever (2.6 s a request
     * over a year of a million entries, against none).
     */
    @SqlQuery("""
            SELECT k1 AS first_key, k2 AS second_key,
                   SUM(counted) AS grants, COUNT(CASE WHEN tail = 0 AND s IS NOT NULL THEN 1 END) AS redeemed_grants,
                   SUM(issued_value) AS issued_value, SUM(redeemed_value) AS redeemed_value,
                   PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY s) AS median
              FROM (SELECT <summedFirst> AS k1, <summedSecond> AS k2, 0 AS tail, o.counted,
                           CASE WHEN o.unit IN ('points', :accounting) THEN o.seconds_to_first END AS s,
                           CASE WHEN o.unit = 'points' THEN o.issued * :rateAmount / :ratePoints
                                WHEN o.unit = :accounting THEN o.issued ELSE 0 END AS issued_value,
                           CASE WHEN o.unit = 'points' THEN o.redeemed * :rateAmount / :ratePoints
                                WHEN o.unit = :accounting THEN o.redeemed ELSE 0 END AS redeemed_value
                      FROM <outcomes> o
                     WHERE o.granted_at >= :from AND o.granted_at < :to
                    UNION ALL
                    SELECT <first>, <second>, 1, 0, <secondsToFirst>, 0, 0
                      FROM (SELECT p.grant_id, MIN(p.created_at) AS first_at
                              FROM journal_entries e JOIN postings p ON p.entry_id = e.id
                             WHERE e.created_at >= :tailStart AND COALESCE(p.account_id, '') = 'redeemed' AND p.amount > 0
                               AND p.grant_id IS NOT NULL AND p.unit IN ('points', :accounting)
                             GROUP BY p.grant_id) t
                      JOIN grants g ON g.id = t.grant_id
                     WHERE g.created_at >= :from AND g.created_at < :to AND g.status IN ('issued', 'revoked')
                       AND NOT EXISTS (SELECT 1 FROM <outcomes> f
                                        WHERE f.grant_id = g.id AND f.seconds_to_first IS NOT NULL
                                          AND f.unit IN ('points', :accounting))) m
             GROUP BY k1, k2
            """)
    @RegisterConstructorMapper(Summed.class)
    List<Summed> summed(@Define String outcomes, @Define String summedFirst, @Define String summedSecond,
                        @Define String first, @Define String second, @Define String secondsToFirst, Instant from,
                        Instant to, Instant tailStart, String accounting, long rateAmount, long ratePoints);

    /** Spending of grants made since {@code from} can only be later: postings since then are enough. */
    @SqlQuery("""
            SELECT t.grant_id, t.unit, <first> AS first_key, <second> AS second_key, t.issued, t.redeemed,
                   t.first_redeemed, COALESCE(o.issued, 0) AS summed_issued, COALESCE(o.redeemed, 0) AS summed_redeemed,
                   CASE WHEN EXISTS (SELECT 1 FROM <outcomes> s WHERE s.grant_id = t.grant_id)
                        THEN TRUE ELSE FALSE END AS summed,
                   CASE WHEN EXISTS (SELECT 1 FROM <outcomes> s WHERE s.grant_id = t.grant_id
                                        AND s.first_redeemed_at IS NOT NULL AND s.unit IN ('points', :accounting))
                        THEN TRUE ELSE FALSE END AS summed_first
              FROM (SELECT p.grant_id, p.unit,
                           SUM(CASE WHEN LEFT(p.account_id, 9) = 'goodwill:' THEN -p.amount ELSE 0 END) AS issued,
                           SUM(CASE WHEN p.account_id = 'redeemed' THEN p.amount ELSE 0 END) AS redeemed,
                           MIN(CASE WHEN p.account_id = 'redeemed' AND p.amount > 0 THEN p.created_at END)
                               AS first_redeemed
                      FROM journal_entries e JOIN postings p ON p.entry_id = e.id
                     WHERE e.created_at >= :tailStart AND p.grant_id IS NOT NULL
                       AND (LEFT(p.account_id, 9) = 'goodwill:' OR p.account_id = 'redeemed')
                     GROUP BY p.grant_id, p.unit) t
              JOIN grants g ON g.id = t.grant_id
              LEFT JOIN <outcomes> o ON o.grant_id = t.grant_id AND o.unit = t.unit
             WHERE g.created_at >= :from AND g.created_at < :to AND g.status IN ('issued', 'revoked')
            """)
    @RegisterConstructorMapper(Tail.class)
    List<Tail> tail(@Define String outcomes, @Define String first, @Define String second, Instant from, Instant to,
                    Instant tailStart, String accounting);

    @SqlQuery("""
            SELECT g.id AS grant_id, <first> AS first_key, <second> AS second_key
              FROM grants g
             WHERE g.created_at >= :madeFrom AND g.created_at >= :from AND g.created_at < :to
               AND COALESCE(g.decided_at, g.created_at) >= :tailStart AND COALESCE(g.status, '') IN ('issued', 'revoked')
            """)
    @RegisterConstructorMapper(Recent.class)
    List<Recent> recent(@Define String first, @Define String second, Instant madeFrom, Instant from, Instant to,
                        Instant tailStart);
}
