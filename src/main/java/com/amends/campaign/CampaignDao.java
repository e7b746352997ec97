package com.amends.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(CampaignRow.class)
interface CampaignDao {

    @SqlUpdate("""
            INSERT INTO campaigns (id, name, incident_ref, reason_code, category, agent_id, reward, unit_value, expires_at,
                                   cost_cap, message_subject, message_body, status, api_key_id, created_at)
            VALUES (:id, :name, :incidentRef, :reasonCode, :category, :agentId, :reward, :unitValue, :expiresAt,
                    :costCap, :messageSubject, :messageBody, :status, :apiKeyId, :createdAt)
            """)
    void insert(@BindMethods CampaignRow campaign);

    @SqlQuery("SELECT * FROM campaigns WHERE id = :id")
    Optional<CampaignRow> find(String id);

    /** Newest first; {@code conditions} come from a {@link com.amends.platform.ListConditions} over {@code filter}. */
    @SqlQuery("SELECT * FROM campaigns WHERE id < :before <conditions> ORDER BY id DESC LIMIT :limit")
    List<CampaignRow> list(@Define String conditions, @BindMethods Filter filter, String before, int limit);

    /** Batches of one campaign are credited one chunk at a time: this lock is what makes them take turns. */
    @SqlQuery("SELECT * FROM campaigns WHERE id = :id <forUpdate>")
    Optional<CampaignRow> lock(String id);

    @SqlUpdate("""
            UPDATE campaigns SET received = received + :rows, failed = failed + :failed, finished_at = NULL WHERE id = :id
            """)
    void addReceived(String id, long rows, long failed);

    @SqlUpdate("""
            UPDATE campaigns SET credited = credited + :credited, skipped = skipped + :skipped, failed = failed + :failed,
                                 started_at = COALESCE(started_at, :now)
             WHERE id = :id
            """)
    void addProgress(String id, long credited, long skipped, long failed, Instant now);

    /** Answers 1 when every row received so far has just been settled, 0 when it was so already. */
    @SqlUpdate("UPDATE campaigns SET finished_at = :now WHERE id = :id AND finished_at IS NULL")
    int finished(String id, Instant now);

    @SqlUpdate("UPDATE campaigns SET status = 'closed', closed_at = :now WHERE id = :id AND status = 'open'")
    int close(String id, Instant now);

    @SqlUpdate("""
            UPDATE campaigns SET revoke_requested_at = COALESCE(revoke_requested_at, :now), revoke_finished_at = NULL
             WHERE id = :id
            """)
    void requestRevoke(String id, Instant now);

    @SqlQuery("SELECT id FROM campaigns WHERE revoke_requested_at IS NOT NULL AND revoke_finished_at IS NULL ORDER BY id")
    List<String> revoking();

    @SqlUpdate("UPDATE campaigns SET revoked_grants = revoked_grants + :count WHERE id = :id")
    void addRevoked(String id, long count);

    @SqlUpdate("UPDATE campaigns SET revoke_finished_at = :now WHERE id = :id")
    void revokeFinished(String id, Instant now);

    @SqlUpdate("""
            INSERT INTO campaign_batches (id, campaign_id, row_count, status, created_at)
            VALUES (:id, :campaignId, :rowCount, 'queued', :now)
            """)
    void insertBatch(String id, String campaignId, int rowCount, Instant now);

    @SqlQuery("SELECT campaign_id FROM campaign_batches WHERE id = :id")
    String batchCampaign(String id);

    @SqlQuery("SELECT * FROM campaign_batches WHERE id = :id AND campaign_id = :campaignId")
    @RegisterConstructorMapper(BatchRow.class)
    Optional<BatchRow> batch(String campaignId, String id);

    @SqlBatch("""
            INSERT INTO campaign_recipients (batch_id, line, campaign_id, customer_id, order_ref, status, detail)
            VALUES (:batchId, :line, :campaignId, :customerId, :orderRef, :status, :detail)
            """)
    void insertRecipients(@BindMethods List<RecipientRow> rows);

    @SqlQuery("""
            SELECT * FROM campaign_recipients WHERE batch_id = :batchId AND status = 'queued' ORDER BY line LIMIT :limit
            """)
    @RegisterConstructorMapper(RecipientRow.class)
    List<RecipientRow> queued(String batchId, int limit);

    @SqlBatch("""
            UPDATE campaign_recipients SET status = :status, detail = :detail, grant_id = :grantId
             WHERE batch_id = :batchId AND line = :line AND status = 'queued'
            """)
    int[] settle(@BindMethods List<RecipientRow> rows);

    @SqlQuery("SELECT * FROM campaign_recipients WHERE batch_id = :batchId ORDER BY line")
    @RegisterConstructorMapper(RecipientRow.class)
    List<RecipientRow> results(String batchId);

    @SqlQuery("SELECT status, COUNT(*) AS count FROM campaign_recipients WHERE batch_id = :batchId GROUP BY status")
    @RegisterConstructorMapper(StatusCount.class)
    List<StatusCount> counts(String batchId);

    /** Answers 1 when the batch has just become done, 0 when it was done already. */
    @SqlUpdate("""
            UPDATE campaign_batches SET status = 'done', finished_at = :now, lease_owner = NULL, lease_until = NULL
             WHERE id = :id AND status = 'queued'
            """)
    int batchDone(String id, Instant now);

    /**
     * Batches that still have rows to credit and nobody else working on them (or whose worker
     * died): this worker's own lease does not keep it from going on after a stop (a chunk limit,
     * a failed chunk).
     */
    @SqlQuery("""
            SELECT id FROM campaign_batches
             WHERE status = 'queued' AND (lease_until IS NULL OR lease_until < :now OR lease_owner = :owner)
             ORDER BY created_at, id LIMIT :limit
            """)
    List<String> claimable(@Bind("owner") String owner, @Bind("now") Instant now, @Bind("limit") int limit);

    @SqlUpdate("""
            UPDATE campaign_batches SET lease_owner = :owner, lease_until = :until
             WHERE id = :id AND status = 'queued' AND (lease_until IS NULL OR lease_until < :now OR lease_owner = :owner)
            """)
    int lease(@Bind("id") String id, @Bind("owner") String owner, @Bind("until") Instant until, @Bind("now") Instant now);

    record StatusCount(RecipientStatus status, long count) {}

    /** The filters of the campaign list; null means "any". */
    record Filter(CampaignStatus status) {}
}
