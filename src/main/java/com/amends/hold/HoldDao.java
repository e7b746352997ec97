package com.amends.hold;

import com.amends.points.LotUse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(HoldRow.class)
interface HoldDao {

    @SqlUpdate("""
            INSERT INTO holds (id, kind, customer_id, voucher_id, order_ref, unit, amount, order_total, status,
                               expires_at, api_key_id, created_at)
            VALUES (:id, :kind, :customerId, :voucherId, :orderRef, :unit, :amount, :orderTotal, :status,
                    :expiresAt, :apiKeyId, :createdAt)
            """)
    void insert(@BindMethods HoldRow hold);

    @SqlQuery("SELECT * FROM holds WHERE id = :id")
    Optional<HoldRow> find(String id);

    /** The hold row is locked first, before the points account or voucher it reserves from. */
    @SqlQuery("SELECT * FROM holds WHERE id = :id <forUpdate>")
    Optional<HoldRow> lock(String id);

    @SqlUpdate("""
            UPDATE holds SET status = :status, closed_at = :now, captured = :captured, redemption_id = :redemptionId
             WHERE id = :id AND status = 'active'
            """)
    int close(String id, HoldStatus status, Instant now, Long captured, String redemptionId);

    @SqlBatch("INSERT INTO hold_lots (hold_id, lot_id, points) VALUES (:holdId, :lotId, :points)")
    void insertLots(String holdId, @BindMethods List<LotUse> lots);

    /** Soonest-expiring first: a capture spends those, and the rest goes back. */
    @SqlQuery("""
            SELECT hl.lot_id, hl.points, l.expires_at
              FROM hold_lots hl JOIN point_lots l ON l.id = hl.lot_id
             WHERE hl.hold_id = :holdId
             ORDER BY l.expires_at, hl.lot_id
            """)
    @RegisterConstructorMapper(LotUse.class)
    List<LotUse> lots(String holdId);

    @SqlQuery("SELECT id FROM holds WHERE status = 'active' AND expires_at <= :now ORDER BY expires_at LIMIT :limit")
    List<String> due(Instant now, int limit);
}
