package com.amends.report;

import java.time.Instant;
import java.util.function.Consumer;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The grants made in a period, and what was issued and spent on each grant. */
interface EffectivenessDao {
    /** A grant and up to two of its attributes (null where not grouped by). */
    record GrantFacts(String id, Instant createdAt, String firstKey, String secondKey) {}

    /** One grant's goodwill issued and redeemed in one unit, and its first redemption. */
    record GrantSpend(String grantId, String unit, long issued, long redeemed, Instant firstRedeemed) {}

    /** {@code first} and {@code second} are grants columns named by a {@link Dimension}, or NULL. */
    @SqlQuery("""
            SELECT id, created_at, <first> AS first_key, <second> AS second_key
              FROM grants
             WHERE created_at >= :from AND created_at < :to AND status IN ('issued', 'revoked')
            """)
    @RegisterConstructorMapper(GrantFacts.class)
    @FetchSize(PostingSumsDao.FETCH)
    ResultIterable<GrantFacts> grants(@Define String first, @Define String second, Instant from, Instant to);

    default void forEachGrant(String first, String second, Instant from, Instant to, Consumer<GrantFacts> sink) {
        grants(first, second, from, to).forEach(sink);
    }

    /** Spending of grants made since {@code from} can only be later: postings since then are enough. */
    @SqlQuery("""
            SELECT p.grant_id, p.unit,
                   SUM(CASE WHEN LEFT(p.account_id, 9) = 'goodwill:' THEN -p.amount ELSE 0 END) AS issued,
                   SUM(CASE WHEN p.account_id = 'redeemed' THEN p.amount ELSE 0 END) AS redeemed,
                   MIN(CASE WHEN p.account_id = 'redeemed' AND p.amount > 0 THEN p.created_at END) AS first_redeemed
              FROM postings p
             WHERE p.created_at >= :from AND p.grant_id IS NOT NULL
               AND (LEFT(p.account_id, 9) = 'goodwill:' OR p.account_id = 'redeemed')
             GROUP BY p.grant_id, p.unit
            """)
    @RegisterConstructorMapper(GrantSpend.class)
    @FetchSize(PostingSumsDao.FETCH)
    ResultIterable<GrantSpend> spending(Instant from);

    default void forEachSpending(Instant from, Consumer<GrantSpend> sink) {
        spending(from).forEach(sink);
    }
}
