package com.amends.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.BindMethodsList;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(DeliveryRow.class)
@RegisterConstructorMapper(ClaimedDelivery.class)
interface DeliveryDao {
    /** One statement for all the deliveries an event (or a chunk of events) owes. */
    @SqlUpdate("""
            INSERT INTO webhook_deliveries (id, endpoint_id, event_seq, event_id, ordering_key, status, attempts,
                                            next_attempt_at, created_at)
            VALUES <rows>
            """)
    void insertAll(@BindMethodsList(value = "rows", methodNames = {"id", "endpointId", "eventSeq", "eventId",
            "orderingKey", "status", "attempts", "nextAttemptAt", "createdAt"}) List<QueuedRow> rows);

    /** {@link NewDelivery} with the constant columns, so the insert binds one list. */
    record QueuedRow(String id, String endpointId, long eventSeq, String eventId, String orderingKey, String status,
                     int attempts, Instant nextAttemptAt, Instant createdAt) {
        static QueuedRow of(NewDelivery delivery) {
            return new QueuedRow(delivery.id(), delivery.endpointId(), delivery.eventSeq(), delivery.eventId(),
                    delivery.orderingKey(), DeliveryStatus.PENDING.wire(), 0, delivery.createdAt(), delivery.createdAt());
        }
    }

    /**
     * Due deliveries that head their queue: no earlier pending delivery of the same endpoint and
     * ordering key exists, so a later event never overtakes an earlier one that is retrying.
     * Endpoints this instance already keeps busy ({@code busy}, never empty) are skipped. The order
     * names status first although it is always 'pending': H2 reads a claim's rows in the order of
     * the index only when the ORDER BY is a prefix of the index, and otherwise reads and sorts
     * every pending delivery for each claim.
     */
    @SqlQuery("""
            SELECT d.id, d.endpoint_id FROM webhook_deliveries d
              JOIN webhook_endpoints w ON w.id = d.endpoint_id
             WHERE d.status = 'pending' AND d.next_attempt_at <= :now
               AND (d.claimed_until IS NULL OR d.claimed_until < :now)
               AND w.enabled = TRUE
               AND d.endpoint_id NOT IN (<busy>)
               AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                WHERE e.endpoint_id = d.endpoint_id AND e.ordering_key = d.ordering_key
                                  AND e.status = 'pending' AND e.event_seq < d.event_seq)
             ORDER BY d.status, d.next_attempt_at, d.event_seq
             LIMIT :limit
            """)
    @RegisterConstructorMapper(Due.class)
    List<Due> due(Instant now, @BindList("busy") List<String> busy, int limit);

    record Due(String id, String endpointId) {}

    /** Takes the deliveries no other instance holds; the condition makes two claimants take each at most once. */
    @SqlUpdate("""
            UPDATE webhook_deliveries SET claimed_by = :token, claimed_until = :until
             WHERE id IN (<ids>) AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < :now)
            """)
    int claim(@BindList("ids") List<String> ids, String token, Instant until, Instant now);

    @SqlQuery("""
            SELECT d.id, d.endpoint_id, d.attempts,
                   (SELECT COALESCE(MAX(a.attempt), 0) FROM webhook_attempts a WHERE a.delivery_id = d.id)
                       AS attempts_recorded,
                   d.event_id, e.payload, w.url, w.secret, w.previous_secret, w.previous_secret_until
              FROM webhook_deliveries d
              JOIN events e ON e.seq = d.event_seq
              JOIN webhook_endpoints w ON w.id = d.endpoint_id
             WHERE d.id IN (<ids>) AND d.claimed_by = :token
            """)
    List<ClaimedDelivery> claimed(@BindList("ids") List<String> ids, String token);

    /** An attempt's result, recorded only while this instance still holds the claim. */
    @SqlBatch("""
            UPDATE webhook_deliveries
               SET status = :status, attempts = :attempts, next_attempt_at = :nextAttemptAt,
                   last_attempt_at = :attemptedAt, last_status = :lastStatus, last_error = :lastError,
                   delivered_at = :deliveredAt, claimed_by = NULL, claimed_until = NULL
             WHERE id = :id AND claimed_by = :token
            """)
    int[] settle(@BindMethods List<Settled> results);

    record Settled(String id, String token, DeliveryStatus status, int attempts, Instant nextAttemptAt,
                   Instant attemptedAt, Integer lastStatus, String lastError, Instant deliveredAt) {}

    @SqlBatch("""
            INSERT INTO webhook_attempts (delivery_id, attempt, at, status, error, answer, duration_ms)
            VALUES (:deliveryId, :attempt, :at, :status, :error, :answer, :durationMs)
            """)
    void insertAttempts(@BindMethods List<Attempt> attempts);

    record Attempt(String deliveryId, int attempt, Instant at, Integer status, String error, String answer,
                   long durationMs) {}

    /** Gives a claim back untouched (this server was stopping before it could send). */
    @SqlUpdate("UPDATE webhook_deliveries SET claimed_by = NULL, claimed_until = NULL WHERE id = :id AND claimed_by = :token")
    int release(String id, String token);

    @SqlQuery("""
            SELECT d.id, d.endpoint_id, d.event_id, e.type AS event_type, d.status, d.attempts, d.last_status,
                   d.last_error, d.last_attempt_at, d.next_attempt_at, d.created_at, d.delivered_at
              FROM webhook_deliveries d LEFT JOIN events e ON e.seq = d.event_seq
             WHERE d.endpoint_id = :endpointId AND d.id < :before <status>
             ORDER BY d.id DESC LIMIT :limit
            """)
    List<DeliveryRow> list(String endpointId, @Define("status") String statusCondition, String status,
                           String before, int limit);

    @SqlQuery("""
            SELECT d.id, d.endpoint_id, d.event_id, e.type AS event_type, d.status, d.attempts, d.last_status,
                   d.last_error, d.last_attempt_at, d.next_attempt_at, d.created_at, d.delivered_at
              FROM webhook_deliveries d LEFT JOIN events e ON e.seq = d.event_seq
             WHERE d.id IN (<ids>) ORDER BY d.id
            """)
    List<DeliveryRow> byIds(@BindList("ids") List<String> ids);

    /** Failed deliveries of events since {@code since} queue again with a fresh schedule. */
    @SqlUpdate("""
            UPDATE webhook_deliveries
               SET status = 'pending', attempts = 0, next_attempt_at = :now, claimed_by = NULL, claimed_until = NULL
             WHERE endpoint_id = :endpointId AND status = 'failed'
               AND event_seq IN (SELECT seq FROM events WHERE created_at >= :since)
            """)
    int recover(String endpointId, Instant since, Instant now);

    @SqlQuery("SELECT endpoint_id FROM webhook_deliveries WHERE event_id = :eventId AND status = 'pending'")
    List<String> pendingOfEvent(String eventId);

    @SqlQuery("SELECT MIN(event_seq) FROM webhook_deliveries WHERE status = 'pending'")
    Optional<Long> oldestPendingSeq();

    @SqlUpdate("DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE event_seq <= :seq)")
    int forgetAttempts(long seq);

    @SqlUpdate("DELETE FROM webhook_deliveries WHERE event_seq <= :seq")
    int forget(long seq);

    @SqlUpdate("DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE endpoint_id = :id)")
    int deleteAttemptsOfEndpoint(String id);

    @SqlUpdate("DELETE FROM webhook_deliveries WHERE endpoint_id = :id")
    int deleteDeliveries(String id);

    default void deleteOfEndpoint(String id) {
        deleteAttemptsOfEndpoint(id);
        deleteDeliveries(id);
    }

    /** Per endpoint, when its oldest pending delivery was queued. */
    @SqlQuery("SELECT endpoint_id, MIN(created_at) AS oldest FROM webhook_deliveries WHERE status = 'pending' GROUP BY endpoint_id")
    @KeyColumn("endpoint_id")
    @ValueColumn("oldest")
    Map<String, Instant> oldestPending();
}
