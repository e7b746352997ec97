package com.amends.points;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface PointLotDao {

    @SqlUpdate("""
            INSERT INTO point_lots (id, customer_id, grant_id, points, remaining, expires_at, created_at)
            VALUES (:id, :customerId, :grantId, :points, :points, :expiresAt, :createdAt)
            """)
    void insert(String id, String customerId, String grantId, long points, Instant expiresAt, Instant createdAt);

    @SqlQuery("SELECT remaining FROM point_lots WHERE grant_id = :grantId FOR UPDATE")
    Optional<Long> lockRemainingOfGrant(String grantId);

    @SqlUpdate("UPDATE point_lots SET remaining = 0 WHERE grant_id = :grantId")
    void emptyLotOfGrant(String grantId);

    @SqlQuery("""
            SELECT COALESCE(SUM(remaining), 0) FROM point_lots
             WHERE customer_id = :customerId AND expires_at > :now AND expires_at <= :until
            """)
    long expiringBetween(String customerId, Instant now, Instant until);
}
