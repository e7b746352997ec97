package com.amends.audit;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(AuditEventRow.class)
interface AuditDao {
    @SqlUpdate("""
            INSERT INTO audit_events (id, occurred_at, api_key_id, api_key_name, role, agent_id, action, target_type,
                target_id, request_id, client_address, before_state, after_state)
            VALUES (:id, :occurredAt, :apiKeyId, :apiKeyName, :role, :agentId, :action, :targetType, :targetId,
                :requestId, :clientAddress, :beforeState, :afterState)
            """)
    void insert(@BindMethods AuditEventRow event);

    /** Newest first; {@code conditions} and {@code order} come from {@link AuditFilter#conditions()}. */
    @SqlQuery("SELECT * FROM audit_events WHERE seq < :before <conditions> ORDER BY <order> LIMIT :limit")
    List<AuditEventRow> list(@Define String conditions, @Define String order, @BindMethods AuditFilter filter,
                             long before, int limit);

    /** Committed events not yet in the chain, in the order they were written. */
    @SqlQuery("SELECT * FROM audit_events WHERE chain_position IS NULL ORDER BY seq LIMIT :limit")
    List<AuditEventRow> unsealed(int limit);

    @SqlQuery("SELECT id FROM audit_events WHERE chain_position = :position")
    java.util.Optional<String> idAt(long position);

    @SqlQuery("SELECT COUNT(*) FROM audit_events WHERE chain_position IS NULL")
    long countUnsealed();

    @SqlQuery("SELECT * FROM audit_events WHERE chain_position > :after ORDER BY chain_position LIMIT :limit")
    List<AuditEventRow> chainAfter(long after, int limit);

    @SqlBatch("UPDATE audit_events SET chain_position = :chainPosition, hash = :hash WHERE seq = :seq AND chain_position IS NULL")
    int[] seal(@BindMethods List<AuditEventRow> events);

    /** Only the sealer takes this lock, so the writers of events never wait for it. */
    @SqlQuery("SELECT position, last_hash, sealed_at FROM audit_chain WHERE id = 1 <forUpdate>")
    @RegisterConstructorMapper(ChainHead.class)
    ChainHead lockHead();

    @SqlQuery("SELECT position, last_hash, sealed_at FROM audit_chain WHERE id = 1")
    @RegisterConstructorMapper(ChainHead.class)
    ChainHead head();

    @SqlUpdate("UPDATE audit_chain SET position = :position, last_hash = :lastHash, sealed_at = :sealedAt WHERE id = 1")
    void advance(@BindMethods ChainHead head);

    @SqlQuery("SELECT hash FROM audit_events WHERE chain_position = :position")
    java.util.Optional<String> hashAt(long position);

    /**
     * Events that may name a customer: about them by target, or naming them in a state as a JSON
     * string of its own ({@code "id"}) or as the end of one (an account, {@code "points:id"}).
     */
    @SqlQuery("""
            SELECT * FROM audit_events
             WHERE target_id = :customerId
                OR before_state LIKE :quoted ESCAPE '!' OR after_state LIKE :quoted ESCAPE '!'
                OR before_state LIKE :suffixed ESCAPE '!' OR after_state LIKE :suffixed ESCAPE '!'
             ORDER BY seq
            """)
    List<AuditEventRow> naming(String customerId, String quoted, String suffixed);

    @SqlUpdate("""
            UPDATE audit_events SET target_id = :targetId, before_state = :beforeState, after_state = :afterState
             WHERE seq = :seq
            """)
    void rewrite(@BindMethods AuditEventRow event);

    @SqlUpdate("INSERT INTO audit_redactions (event_id, pseudonym, content_hash) VALUES (:eventId, :pseudonym, :contentHash)")
    void redacted(String eventId, String pseudonym, String contentHash);

    @SqlQuery("SELECT content_hash FROM audit_redactions WHERE event_id = :eventId ORDER BY seq DESC LIMIT 1")
    java.util.Optional<String> latestRedaction(String eventId);

    @SqlQuery("SELECT DISTINCT pseudonym FROM audit_redactions ORDER BY pseudonym")
    List<String> redactingErasures();

    @SqlQuery("SELECT event_id, content_hash FROM audit_redactions WHERE pseudonym = :pseudonym ORDER BY event_id, seq")
    @RegisterConstructorMapper(Redaction.class)
    List<Redaction> redactionsOf(String pseudonym);

    @SqlQuery("SELECT after_state FROM audit_events WHERE action = :action AND target_id = :pseudonym")
    List<String> erasureStates(String action, String pseudonym);

    record Redaction(String eventId, String contentHash) {}

    record ChainHead(long position, String lastHash, Instant sealedAt) {}
}
