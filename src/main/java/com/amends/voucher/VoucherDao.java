package com.amends.voucher;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(VoucherRow.class)
interface VoucherDao {
    String INSERT = """
            INSERT INTO vouchers (id, code, customer_id, grant_id, type, currency, initial_amount, percent_off,
                                  max_discount, status, expires_at, created_at)
            VALUES (:id, :code, :customerId, :grantId, :type, :currency, :initialAmount, :percentOff,
                    :maxDiscount, :status, :expiresAt, :createdAt)
            """;

    String SELECT = """
            SELECT v.*, a.balance AS remaining, g.reason_code
              FROM vouchers v
              LEFT JOIN accounts a ON a.id = 'voucher:' || v.id
              LEFT JOIN grants g ON g.id = v.grant_id
            """;

    @SqlUpdate(INSERT)
    void insert(@BindMethods VoucherRow voucher);

    @SqlBatch(INSERT)
    void insertAll(@BindMethods List<VoucherRow> vouchers);

    @SqlQuery(SELECT + " WHERE v.id = :id")
    Optional<VoucherRow> find(String id);

    /** Vouchers the customer can still use, soonest to expire first. */
    @SqlQuery(SELECT + """
             WHERE v.customer_id = :customerId AND v.status = 'active' AND v.expires_at > :now
               AND (v.type = 'percent' OR a.balance > 0)
             ORDER BY v.expires_at, v.id
             LIMIT :limit
            """)
    List<VoucherRow> openOf(String customerId, Instant now, int limit);

    @SqlQuery(SELECT + " WHERE v.grant_id IN (<grantIds>)")
    List<VoucherRow> ofGrants(@BindList("grantIds") List<String> grantIds);

    @SqlQuery(SELECT + " WHERE v.code = :code")
    Optional<VoucherRow> findByCode(String code);

    /** Locks the voucher row; take it before the voucher's account, in every transaction. */
    @SqlQuery("SELECT id FROM vouchers WHERE id = :id <forUpdate>")
    Optional<String> lock(String id);

    @SqlUpdate("UPDATE vouchers SET status = :to WHERE id = :id AND status = :from")
    int changeStatus(String id, VoucherStatus from, VoucherStatus to);

    @SqlQuery("""
            SELECT id FROM vouchers WHERE status = 'active' AND expires_at <= :now
             ORDER BY expires_at LIMIT :limit
            """)
    List<String> due(Instant now, int limit);

    /** Vouchers that can still be spent, expire by {@code horizon}, and whose owner was not told yet. */
    @SqlQuery("""
            SELECT id FROM vouchers
             WHERE status IN ('active', 'held') AND expires_at > :now AND expires_at <= :horizon
               AND expiry_warned_at IS NULL
             ORDER BY expires_at, id LIMIT :limit
            """)
    List<String> expiringUnwarned(Instant now, Instant horizon, int limit);

    @SqlUpdate("UPDATE vouchers SET expiry_warned_at = :now WHERE id = :id AND expiry_warned_at IS NULL")
    int markWarned(String id, Instant now);
}
