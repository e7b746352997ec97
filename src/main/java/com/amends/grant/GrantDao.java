package com.amends.grant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(GrantRow.class)
interface GrantDao {
    String INSERT = """
            INSERT INTO grants (id, customer_id, agent_id, reason_code, case_ref, channel, note, status, points,
                                expires_at, api_key_id, created_at, value_amount, category, top_up, reward,
                                approval_reasons, usage_id, campaign_id)
            VALUES (:id, :customerId, :agentId, :reasonCode, :caseRef, :channel, :note, :status, :points,
                    :expiresAt, :apiKeyId, :createdAt, :valueAmount, :category, :topUp, :reward,
                    :approvalReasons, :usageId, :campaignId)
            """;


    @SqlUpdate(INSERT)
    void insert(@BindMethods GrantRow grant);

    @SqlBatch(INSERT)
    void insertAll(@BindMethods List<GrantRow> grants);

    /** Which of these customers this campaign has credited already. */
    @SqlQuery("SELECT customer_id FROM grants WHERE campaign_id = :campaignId AND customer_id IN (<customerIds>)")
    List<String> creditedBy(String campaignId, @BindList("customerIds") List<String> customerIds);

    @SqlQuery("SELECT id FROM grants WHERE campaign_id = :campaignId AND status = 'issued' AND id > :after ORDER BY id LIMIT :limit")
    List<String> issuedOfCampaign(String campaignId, String after, int limit);

    @SqlQuery("SELECT * FROM grants WHERE id = :id")
    Optional<GrantRow> find(String id);

    @SqlQuery("SELECT * FROM grants WHERE id = :id <forUpdate>")
    Optional<GrantRow> lock(String id);

    /** Newest first; {@code conditions} and {@code order} come from {@link GrantFilter#conditions()}. */
    @SqlQuery("SELECT * FROM grants WHERE id < :before <conditions> ORDER BY <order> LIMIT :limit")
    List<GrantRow> list(@Define String conditions, @Define String order, @BindMethods GrantFilter filter,
                        String before, int limit);

    /** The supervisor's queue: oldest first. */
    @SqlQuery("SELECT * FROM grants WHERE id > :after <conditions> ORDER BY <order> LIMIT :limit")
    List<GrantRow> pendingQueue(@Define String conditions, @Define String order, @BindMethods GrantFilter filter,
                                String after, int limit);

    /** The grant that already compensates this case, if any. */
    @SqlQuery("""
            SELECT id FROM grants
             WHERE customer_id = :customerId AND case_ref = :caseRef AND status IN ('issued', 'pending_approval')
             ORDER BY id LIMIT 1
            """)
    Optional<String> compensating(String customerId, String caseRef);

    @SqlUpdate("""
            UPDATE grants SET status = :status, decided_by = :decidedBy, decided_at = :now, decision_note = :note
             WHERE id = :id AND status = 'pending_approval'
            """)
    int decide(String id, GrantStatus status, String decidedBy, Instant now, String note);

    @SqlQuery("SELECT id FROM grants WHERE status = 'pending_approval' AND created_at <= :before ORDER BY id LIMIT :limit")
    List<String> pendingSince(Instant before, int limit);

    @SqlUpdate("""
            UPDATE grants SET status = 'revoked', revoked_at = :now, revoke_reason = :reason,
                              revoked_points = :points, revoked_amount = :amount, usage_id = NULL
             WHERE id = :id AND status = 'issued'
            """)
    int markRevoked(String id, Instant now, String reason, Long points, Long amount);
}
