package com.amends.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Sums of postings over a stretch of time, read from the postings themselves (found through
 * their entry's time, which is indexed) or from whole summed days. The grouping columns are
 * {@code <define>}d from a {@link Grouping}, which writes only column names of its own.
 */
interface PostingSumsDao extends UtcSession {
    int FETCH = 1_000;

    /** One group's sum in one unit; the columns the report does not group by are null. */
    record GroupSum(LocalDate onDay, String firstKey, String secondKey, String unit, long amount) {}

    /** One unit's sums over a stretch: wallet lines, system lines by account, holds. */
    record LiabilitySum(String unit, long wallets, long issued, long redeemed, long expired, long revoked, long held) {}

    default void forEachFromPostings(Grouping g, Instant from, Instant to, Consumer<GroupSum> sink) {
        utc();
        fromPostings(g.day(), g.first(), g.second(), g.keys(), g.join(), g.booked(), from, to).forEach(sink);
    }

    default void forEachFromDaySums(Grouping g, DaySums.Stretch stretch, Consumer<GroupSum> sink) {
        fromDaySums(stretch.table(), g.day(), g.first(), g.second(), g.keys(), g.booked(), stretch.from(), stretch.to())
                .forEach(sink);
    }

    /** A posting's grant attributes come from its grant, joined only when the grouping needs one. */
    @SqlQuery("""
            SELECT <day> AS on_day, <first> AS first_key, <second> AS second_key, p.unit, SUM(p.amount) AS amount
              FROM journal_entries e JOIN postings p ON p.entry_id = e.id <join>
             WHERE <booked> AND e.created_at >= :from AND e.created_at < :to
             GROUP BY <keys>p.unit
            """)
    @RegisterConstructorMapper(GroupSum.class)
    @FetchSize(FETCH)
    ResultIterable<GroupSum> fromPostings(@Define String day, @Define String first, @Define String second,
                                          @Define String keys, @Define String join, @Define String booked,
                                          Instant from, Instant to);

    /** Day and month sums carry the grant's attributes themselves; {@code <table>} is one of them. */
    @SqlQuery("""
            SELECT <day> AS on_day, <first> AS first_key, <second> AS second_key, p.unit, SUM(p.amount) AS amount
              FROM <table> p
             WHERE <booked> AND p.posted_on >= :from AND p.posted_on < :to
             GROUP BY <keys>p.unit
            """)
    @RegisterConstructorMapper(GroupSum.class)
    @FetchSize(FETCH)
    ResultIterable<GroupSum> fromDaySums(@Define String table, @Define String day, @Define String first, @Define String second,
                                         @Define String keys, @Define String booked, LocalDate from, LocalDate to);

    @SqlQuery("""
            SELECT p.unit,
                   SUM(CASE WHEN p.balance_after IS NOT NULL THEN p.amount ELSE 0 END) AS wallets,
                   SUM(CASE WHEN LEFT(p.account_id, 9) = 'goodwill:' THEN -p.amount ELSE 0 END) AS issued,
                   SUM(CASE WHEN p.account_id = 'redeemed' THEN p.amount ELSE 0 END) AS redeemed,
                   SUM(CASE WHEN p.account_id = 'expired' THEN p.amount ELSE 0 END) AS expired,
                   SUM(CASE WHEN p.account_id = 'revoked' THEN p.amount ELSE 0 END) AS revoked,
                   SUM(CASE WHEN p.account_id LIKE 'hold:%' THEN p.amount ELSE 0 END) AS held
              FROM journal_entries e JOIN postings p ON p.entry_id = e.id
             WHERE e.created_at >= :from AND e.created_at < :to
             GROUP BY p.unit
            """)
    @RegisterConstructorMapper(LiabilitySum.class)
    List<LiabilitySum> liabilityFromPostings(Instant from, Instant to);

    /** As {@link #liabilityFromPostings}; day and month sums mark wallet lines in a column of their own. */
    @SqlQuery("""
            SELECT p.unit,
                   SUM(CASE WHEN p.wallet THEN p.amount ELSE 0 END) AS wallets,
                   SUM(CASE WHEN LEFT(p.account_id, 9) = 'goodwill:' THEN -p.amount ELSE 0 END) AS issued,
                   SUM(CASE WHEN p.account_id = 'redeemed' THEN p.amount ELSE 0 END) AS redeemed,
                   SUM(CASE WHEN p.account_id = 'expired' THEN p.amount ELSE 0 END) AS expired,
                   SUM(CASE WHEN p.account_id = 'revoked' THEN p.amount ELSE 0 END) AS revoked,
                   SUM(CASE WHEN p.account_id LIKE 'hold:%' THEN p.amount ELSE 0 END) AS held
              FROM <table> p
             WHERE p.posted_on >= :from AND p.posted_on < :to
             GROUP BY p.unit
            """)
    @RegisterConstructorMapper(LiabilitySum.class)
    List<LiabilitySum> liabilityFromDaySums(@Define String table, LocalDate from, LocalDate to);

    default List<LiabilitySum> liabilityFromDaySums(DaySums.Stretch stretch) {
        return liabilityFromDaySums(stretch.table(), stretch.from(), stretch.to());
    }
}
