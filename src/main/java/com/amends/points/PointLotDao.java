package com.amends.points;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.BindList;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Lot rows change only while their customer's points account is locked; see Points. A lot's
 * {@code open_until} is its expiry while it holds points and NULL once it is empty, so the
 * queries below read only the lots that can still move, not a long history of spent ones.
 */
@RegisterConstructorMapper(Lot.class)
interface PointLotDao {

    @SqlUpdate("""
            INSERT INTO point_lots (id, customer_id, grant_id, points, remaining, expires_at, open_until, created_at)
            VALUES (:id, :customerId, :grantId, :points, :points, :expiresAt, :expiresAt, :createdAt)
            """)
    void insert(String id, String customerId, String grantId, long points, Instant expiresAt, Instant createdAt);

    @SqlBatch("""
            INSERT INTO point_lots (id, customer_id, grant_id, points, remaining, expires_at, open_until, created_at)
            VALUES (:id, :customerId, :grantId, :points, :points, :expiresAt, :expiresAt, :createdAt)
            """)
    void insertAll(@BindMethods List<NewLot> lots, long points, Instant expiresAt, Instant createdAt);

    record NewLot(String id, String customerId, String grantId) {}

    @SqlQuery("SELECT remaining FROM point_lots WHERE grant_id = :grantId")
    Optional<Long> remainingOfGrant(String grantId);

    /** Lots holding points that expire by {@code horizon} and whose owner was not told yet, soonest first. */
    @SqlQuery("""
            SELECT id, grant_id, remaining, expires_at, customer_id FROM point_lots
             WHERE open_until > :now AND open_until <= :horizon AND expiry_warned_at IS NULL
             ORDER BY open_until, id LIMIT :limit
            """)
    @RegisterConstructorMapper(ExpiringLot.class)
    List<ExpiringLot> expiringUnwarned(Instant now, Instant horizon, int limit);

    record ExpiringLot(String id, String grantId, long remaining, Instant expiresAt, String customerId) {}

    @SqlUpdate("UPDATE point_lots SET expiry_warned_at = :now WHERE id = :id AND expiry_warned_at IS NULL")
    int markWarned(String id, Instant now);

    @SqlUpdate("UPDATE point_lots SET remaining = 0, open_until = NULL WHERE grant_id = :grantId")
    void emptyLotOfGrant(String grantId);

    /**
     * The first lots that can be spent, the soonest to expire first. The constant customer_id
     * leads the ORDER BY so that H2 reads the index in order and stops at the limit, instead of
     * sorting every open lot.
     */
    @SqlQuery("""
            SELECT id, grant_id, remaining, expires_at FROM point_lots
             WHERE customer_id = :customerId AND open_until > :now
             ORDER BY customer_id, open_until, id
             LIMIT :limit
            """)
    List<Lot> spendable(String customerId, Instant now, int limit);

    @SqlQuery("""
            SELECT id, grant_id, remaining, expires_at FROM point_lots
             WHERE customer_id = :customerId AND open_until <= :now
            """)
    List<Lot> due(String customerId, Instant now);

    /** The first open lots, soonest to expire first: those past their time, then those to spend (as {@link #spendable}). */
    @SqlQuery("""
            SELECT id, grant_id, remaining, expires_at FROM point_lots
             WHERE customer_id = :customerId AND open_until IS NOT NULL
             ORDER BY customer_id, open_until, id
             LIMIT :limit
            """)
    List<Lot> open(String customerId, int limit);

    @SqlQuery("SELECT id, grant_id, remaining, expires_at FROM point_lots WHERE id = :id")
    Lot find(String id);

    @SqlQuery("SELECT COUNT(*) > 0 FROM point_lots l JOIN grants g ON g.id = l.grant_id WHERE l.id = :id AND g.status = 'revoked'")
    boolean grantRevoked(String id);

    @SqlQuery("SELECT id, grant_id FROM point_lots WHERE id IN (<ids>)")
    @KeyColumn("id")
    @ValueColumn("grant_id")
    Map<String, String> grantsOf(@BindList("ids") List<String> ids);

    @SqlUpdate("""
            UPDATE point_lots SET remaining = remaining + :delta,
                                  open_until = CASE WHEN remaining + :delta > 0 THEN expires_at END
             WHERE id = :id
            """)
    void add(String id, long delta);

    @SqlQuery("""
            SELECT DISTINCT customer_id FROM point_lots WHERE open_until <= :now
             LIMIT :limit
            """)
    List<String> customersWithDueLots(Instant now, int limit);

    /**
     * The lots' remaining points add up to the account's balance, so the valid ones are the
     * balance less the lots that have expired and wait for the expiry worker: one statement,
     * one snapshot, and no walk over a long history of lots.
     */
    @SqlQuery("""
            SELECT COALESCE((SELECT balance FROM accounts WHERE id = :account), 0)
                 - COALESCE((SELECT SUM(remaining) FROM point_lots
                              WHERE customer_id = :customerId AND open_until <= :now), 0)
            """)
    long remainingValid(String customerId, String account, Instant now);

    @SqlQuery("""
            SELECT COALESCE(SUM(remaining), 0) FROM point_lots
             WHERE customer_id = :customerId AND open_until > :from AND open_until <= :until
            """)
    long remainingExpiringBetween(String customerId, Instant from, Instant until);

    @SqlQuery("""
            SELECT COALESCE(SUM(a.balance), 0) FROM holds h JOIN accounts a ON a.id = 'hold:' || h.id
             WHERE h.customer_id = :customerId AND h.kind = 'points' AND h.status = 'active'
            """)
    long held(String customerId);
}
