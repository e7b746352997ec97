package com.amends.redemption;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(RedemptionRow.class)
interface RedemptionDao {

    @SqlUpdate("""
            INSERT INTO redemptions (id, kind, customer_id, voucher_id, hold_id, order_ref, unit, amount, reversed,
                                     order_total, value_amount, value_currency, api_key_id, created_at)
            VALUES (:id, :kind, :customerId, :voucherId, :holdId, :orderRef, :unit, :amount, 0,
                    :orderTotal, :valueAmount, :valueCurrency, :apiKeyId, :createdAt)
            """)
    void insert(@BindMethods RedemptionRow redemption);

    @SqlQuery("SELECT * FROM redemptions WHERE id = :id")
    Optional<RedemptionRow> find(String id);

    @SqlQuery("SELECT * FROM redemptions WHERE id = :id <forUpdate>")
    Optional<RedemptionRow> lock(String id);

    @SqlUpdate("UPDATE redemptions SET reversed = reversed + :amount WHERE id = :id AND reversed + :amount <= amount")
    int addReversed(String id, long amount);

    @SqlBatch("INSERT INTO redemption_lots (redemption_id, lot_id, points, reversed) VALUES (:redemptionId, :lotId, :points, 0)")
    void insertLots(String redemptionId, @BindMethods List<com.amends.points.LotUse> lots);

    /** The latest-expiring first: a partial refund gives back the points that stay spendable longest. */
    @SqlQuery("""
            SELECT rl.lot_id, rl.points, rl.reversed, l.expires_at
              FROM redemption_lots rl JOIN point_lots l ON l.id = rl.lot_id
             WHERE rl.redemption_id = :redemptionId
             ORDER BY l.expires_at DESC, rl.lot_id DESC
            """)
    @RegisterConstructorMapper(RedemptionLot.class)
    List<RedemptionLot> lots(String redemptionId);

    @SqlUpdate("UPDATE redemption_lots SET reversed = reversed + :points WHERE redemption_id = :redemptionId AND lot_id = :lotId")
    void addLotReversed(String redemptionId, String lotId, long points);

    @SqlUpdate("""
            INSERT INTO reversals (id, redemption_id, unit, amount, expired_amount, reason, api_key_id, created_at)
            VALUES (:id, :redemptionId, :unit, :amount, :expiredAmount, :reason, :apiKeyId, :createdAt)
            """)
    void insertReversal(@BindMethods ReversalRow reversal);

    @SqlQuery("SELECT * FROM reversals WHERE redemption_id = :redemptionId ORDER BY id")
    @RegisterConstructorMapper(ReversalRow.class)
    List<ReversalRow> reversals(String redemptionId);
}
