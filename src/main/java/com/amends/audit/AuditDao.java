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

    /** An event with its link, or with none while it is unsealed. */
    String LINKED = "SELECT e.*, l.chain_position, l.hash FROM audit_events e LEFT JOIN audit_links l ON l.event_seq = e.seq";

    /** An event as the sealer reads it: not linked yet. */
    String UNLINKED = "SELECT e.*, CAST(NULL AS BIGINT) AS chain_position, CAST(NULL AS VARCHAR(64)) AS hash"
            + " FROM audit_events e";

    String HEAD = "SELECT position, last_hash, sealed_at, last_seq, scan_from, candidate_seq, candidate_at"
            + " FROM audit_chain WHERE id = 1";

    /** Newest first; {@code conditions} and {@code order} come from {@link AuditFilter#conditions()}. */
    @SqlQuery(LINKED + " WHERE e.seq < :before <conditions> ORDER BY <order> LIMIT :limit")
    List<AuditEventRow> list(@Define String conditions, @Define String order, @BindMethods AuditFilter filter,
                             long before, int limit);

    /** Events written after the last one sealed, in the order they were written: a range of the primary key. */
    @SqlQuery(UNLINKED + " WHERE e.seq > :after ORDER BY e.seq LIMIT :limit")
    List<AuditEventRow> after(long after, int limit);

    /** Events in a range of seq that are not in the chain: those that committed after a later one was sealed. */
    @SqlQuery(UNLINKED + """
             WHERE e.seq > :from AND e.seq <= :through
               AND NOT EXISTS (SELECT 1 FROM audit_links l WHERE l.event_seq = e.seq)
             ORDER BY e.seq LIMIT :limit
            """)
    List<AuditEventRow> unlinked(long from, long through, int limit);

    @SqlQuery("SELECT e.id FROM audit_links l JOIN audit_events e ON e.seq = l.event_seq WHERE l.chain_position = :position")
    java.util.Optional<String> idAt(long position);

    /** Reads every event: for the verification only, which reads the whole chain anyway. */
    @SqlQuery("SELECT COUNT(*) FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_links l WHERE l.event_seq = e.seq)")
    long countUnsealed();

    /**
     * Links in the chain's order with their events; a link whose event row was deleted comes with
     * the event's seq and every other event field null.
     */
    @SqlQuery("""
            SELECT l.event_seq AS seq, e.id, e.occurred_at, e.api_key_id, e.api_key_name, e.role, e.agent_id, e.action,
                   e.target_type, e.target_id, e.request_id, e.client_address, e.before_state, e.after_state,
                   l.chain_position, l.hash
              FROM audit_links l LEFT JOIN audit_events e ON e.seq = l.event_seq
             WHERE l.chain_position > :after ORDER BY l.chain_position LIMIT :limit
            """)
    List<AuditEventRow> chainAfter(long after, int limit);

    /** An event already linked fails the batch on the unique event_seq: it is never sealed twice. */
    @SqlBatch("INSERT INTO audit_links (chain_position, event_seq, hash) VALUES (:chainPosition, :seq, :hash)")
    void link(@BindMethods List<AuditEventRow> events);

    /** Only the sealer and an erasure take this lock, so the writers of events never wait for it. */
    @SqlQuery(HEAD + " <forUpdate>")
    @RegisterConstructorMapper(ChainHead.class)
    ChainHead lockHead();

    @SqlQuery(HEAD)
    @RegisterConstructorMapper(ChainHead.class)
    ChainHead head();

    @SqlUpdate("""
            UPDATE audit_chain SET position = :position, last_hash = :lastHash, sealed_at = :sealedAt,
                   last_seq = :lastSeq, scan_from = :scanFrom, candidate_seq = :candidateSeq, candidate_at = :candidateAt
             WHERE id = 1
            """)
    void advance(@BindMethods ChainHead head);

    @SqlQuery("SELECT hash FROM audit_links WHERE chain_position = :position")
    java.util.Optional<String> hashAt(long position);

    /**
     * Events that may name a customer: about them by target, or naming them in a state as a JSON
     * string of its own ({@code "id"}) or as the end of one (an account, {@code "points:id"}).
     */
    @SqlQuery(LINKED + """
             WHERE e.target_id = :customerId
                OR e.before_state LIKE :quoted ESCAPE '!' OR e.after_state LIKE :quoted ESCAPE '!'
                OR e.before_state LIKE :suffixed ESCAPE '!' OR e.after_state LIKE :suffixed ESCAPE '!'
             ORDER BY e.seq
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

    /**
     * The chain's end and what the sealer reads next: events after {@code lastSeq}, and, once the
     * candidate has settled, events in {@code scanFrom..candidateSeq} passed over (see AuditChain).
     */
    record ChainHead(long position, String lastHash, Instant sealedAt, long lastSeq, long scanFrom, long candidateSeq,
                     Instant candidateAt) {}
}
