package com.amends.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The effectiveness report's reads: the summed days from grant outcomes (whole months of grants
 * from their month sums, the rest per grant; counts and amounts grouped in SQL, the seconds to
 * each first redemption as values), and the open tail after them from postings, per grant. The
 * group columns are {@code <define>}d from {@link Dimension} (o. for outcomes, months and firsts,
 * g. for grants), or a typed NULL where not grouped by; {@code <outcomes>} and {@code <firsts>} are
 * grant_outcomes and grant_firsts, or empty to read everything from postings.
 */
interface EffectivenessDao {
    String OUTCOMES = "grant_outcomes";
    String NO_OUTCOMES = "(SELECT * FROM grant_outcomes WHERE 1 = 0)";
    String FIRSTS = "grant_firsts";
    String NO_FIRSTS = "(SELECT * FROM grant_firsts WHERE 1 = 0)";

    /** One group's grants in one unit over the summed days: how many, and what was issued and redeemed. */
    record Summed(String firstKey, String secondKey, String unit, long grants, long issued, long redeemed) {}

    /** The seconds from a grant of the summed days to its first redemption, in a valued unit. */
    record First(String firstKey, String secondKey, long seconds) {}

    /** One grant's postings in one unit after the summed days, and whether the summed days hold the grant. */
    record Tail(String grantId, String unit, String firstKey, String secondKey, Instant grantedAt, long issued,
                long redeemed, Instant firstRedeemed, boolean summed, boolean summedFirst) {}

    /** A grant issued in the tail (made, or approved), which may have moved no value yet. */
    record Recent(String grantId, String firstKey, String secondKey) {}

    /**
     * The outcomes of grants made in [from, to), per group and unit; a grant has one counted row.
     * First redemptions are read apart ({@link #firsts}, and the tail's with the tail), since the
     * median is taken over both.
     */
    @SqlQuery("""
            SELECT <first> AS first_key, <second> AS second_key, o.unit, SUM(o.counted) AS grants,
                   SUM(o.issued) AS issued, SUM(o.redeemed) AS redeemed
              FROM <outcomes> o
             WHERE o.granted_at >= :from AND o.granted_at < :to
             GROUP BY first_key, second_key, o.unit
            """)
    @RegisterConstructorMapper(Summed.class)
    List<Summed> summed(@Define String outcomes, @Define String first, @Define String second, Instant from, Instant to);

    /**
     * One group's month of grants in one unit, with the seconds to each of its first redemptions
     * (comma-separated; see 017-sums-by-month.sql).
     */
    record Month(String firstKey, String secondKey, String unit, long grants, long issued, long redeemed,
                 String firsts) {}

    /** The months of grants [from, to), as kept: the report groups them, with their lists of seconds. */
    @SqlQuery("""
            SELECT <first> AS first_key, <second> AS second_key, o.unit, o.grants, o.issued, o.redeemed, o.firsts
              FROM outcome_months o
             WHERE o.granted_month >= :from AND o.granted_month < :to
            """)
    @RegisterConstructorMapper(Month.class)
    List<Month> months(@Define String first, @Define String second, LocalDate from, LocalDate to);

    /** The median cannot be summed ahead: every value is read, here for the grants read one by one. */
    @SqlQuery("""
            SELECT <first> AS first_key, <second> AS second_key, o.seconds_to_first AS seconds
              FROM <firsts> o
             WHERE o.granted_at >= :from AND o.granted_at < :to AND o.unit IN ('points', :accounting)
            """)
    @RegisterConstructorMapper(First.class)
    List<First> firsts(@Define String firsts, @Define String first, @Define String second, Instant from, Instant to,
                       String accounting);

    /**
     * Spending of grants made since {@code from} can only be later: postings since then are enough.
     * The status is wrapped so that H2 finds each grant by its key: through the status index it
     * read every issued grant of all time for each grant of the tail (minutes a request over a
     * year of a million entries).
     */
    @SqlQuery("""
            SELECT t.grant_id, t.unit, <first> AS first_key, <second> AS second_key, g.created_at AS granted_at,
                   t.issued, t.redeemed, t.first_redeemed,
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
             WHERE g.created_at >= :from AND g.created_at < :to AND COALESCE(g.status, '') IN ('issued', 'revoked')
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
