package com.amends.audit;

import com.amends.platform.Transactor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Tamper evidence for the audit trail. Each sealed event carries a SHA-256 over its content, its
 * place in the chain and the previous event's hash, so editing or deleting a row breaks the chain
 * at that row.
 *
 * <p>Events are written unsealed by the changes they record; hashing them there would make every
 * write in the system queue on the chain's last hash. The sealer instead appends committed events
 * to the chain afterwards, in the order they were written, under a lock only it takes. An event
 * that commits late (a long transaction) simply joins the chain at the next seal.
 */
public final class AuditChain {
    private static final int BATCH = 1_000;

    private final Transactor transactor;
    private final AuditDao dao;
    private final ObjectMapper plain = new ObjectMapper();
    private final Clock clock;

    public AuditChain(Transactor transactor, Clock clock) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(AuditDao.class);
        this.clock = clock;
    }

    /** Seals every committed event not yet in the chain; answers how many. Safe on many instances at once. */
    public int seal() {
        int total = 0;
        while (true) {
            int sealed = transactor.inTransaction(tx -> {
                AuditDao.ChainHead head = dao.lockHead();
                List<AuditEventRow> events = dao.unsealed(BATCH);
                if (events.isEmpty()) {
                    return 0;
                }
                long position = head.position();
                String hash = head.lastHash();
                List<AuditEventRow> sealedRows = new ArrayList<>(events.size());
                for (AuditEventRow event : events) {
                    position++;
                    hash = hash(hash, position, event);
                    sealedRows.add(withChain(event, position, hash));
                }
                if (Arrays.stream(dao.seal(sealedRows)).anyMatch(n -> n != 1)) {
                    throw new IllegalStateException("an audit event was sealed by someone else while the chain was locked");
                }
                dao.advance(new AuditDao.ChainHead(position, hash, clock.instant()));
                return events.size();
            });
            total += sealed;
            if (sealed < BATCH) {
                return total;
            }
        }
    }

    /** Walks the sealed chain from its start and names the first event that does not match. */
    public ChainVerification verify() {
        AuditDao.ChainHead head = transactor.inTransaction(tx -> dao.head());
        long unsealed = transactor.inTransaction(tx -> dao.countUnsealed());
        String headEvent = transactor.inTransaction(tx -> dao.idAt(head.position()).orElse(null));
        long expected = 0;
        String hash = genesis();
        String lastEventId = null;
        while (expected < head.position()) {
            long after = expected;
            List<AuditEventRow> events = transactor.inTransaction(tx -> dao.chainAfter(after, BATCH));
            if (events.isEmpty()) {
                return ChainVerification.broken(expected, head, unsealed, headEvent, expected + 1, null,
                        "the chain ends at position " + expected + " but its head says " + head.position()
                                + ": events at the end were deleted");
            }
            for (AuditEventRow event : events) {
                if (event.chainPosition() > head.position()) {
                    break; // sealed after this walk began
                }
                if (event.chainPosition() != expected + 1) {
                    return ChainVerification.broken(expected, head, unsealed, headEvent, expected + 1, event.id(),
                            "position " + (expected + 1) + " is missing: an event was deleted before " + event.id());
                }
                String recomputed = hash(hash, event.chainPosition(), event);
                if (!recomputed.equals(event.hash())) {
                    // An erased customer's event was rewritten after it was sealed: its link stands
                    // if its content is exactly what the erasure recorded (see AuditRedaction).
                    String link = recomputed;
                    boolean redacted = dao.latestRedaction(event.id()).map(link::equals).orElse(false);
                    if (!redacted) {
                        return ChainVerification.broken(expected, head, unsealed, headEvent, event.chainPosition(),
                                event.id(), "the event's content or its predecessor does not match its hash");
                    }
                    recomputed = event.hash();
                }
                hash = recomputed;
                expected = event.chainPosition();
                lastEventId = event.id();
            }
        }
        Optional<String> unrecorded = transactor.inTransaction(tx -> firstUnrecordedErasure());
        if (unrecorded.isPresent()) {
            return ChainVerification.broken(expected, head, unsealed, headEvent, expected, lastEventId,
                    "the rewritten events of erasure " + unrecorded.get() + " are not those its audit event records");
        }
        if (!hash.equals(head.lastHash())) {
            return ChainVerification.broken(expected, head, unsealed, headEvent, expected, lastEventId,
                    "the last sealed event does not match the chain's recorded head");
        }
        return ChainVerification.valid(expected, head, unsealed, headEvent);
    }

    /**
     * The first erasure whose rewritten events differ from the digest its own audit event recorded
     * (rows added to, removed from or changed in audit_redactions behind the API's back).
     */
    private Optional<String> firstUnrecordedErasure() {
        for (String pseudonym : dao.redactingErasures()) {
            String digest = RedactionDigest.of(dao.redactionsOf(pseudonym));
            boolean recorded = dao.erasureStates(AuditRedaction.ERASE_ACTION, pseudonym).stream()
                    .anyMatch(state -> digest.equals(RedactionDigest.recorded(plain, state)));
            if (!recorded) {
                return Optional.of(pseudonym);
            }
        }
        return Optional.empty();
    }

    static String genesis() {
        return "0".repeat(64);
    }

    private String hash(String previous, long position, AuditEventRow e) {
        MessageDigest sha = sha256();
        sha.update(previous.getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) '\n');
        sha.update(content(position, e));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** What a sealed event's hash covers of the event itself: every field but its hash. */
    private byte[] content(long position, AuditEventRow e) {
        try {
            return plain.writeValueAsBytes(new Object[] {position, e.id(), e.occurredAt().toString(),
                    e.apiKeyId(), e.apiKeyName(), e.role(), e.agentId(), e.action(), e.targetType(), e.targetId(),
                    e.requestId(), e.clientAddress(), e.beforeState(), e.afterState()});
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The hash a sealed event would have with its content rewritten, in its place in the chain: what
     * a redaction records, so the walk checks the rewritten event and its predecessor as strictly as
     * it checked the original. Called with the chain's head locked.
     */
    String rewrittenLink(AuditEventRow rewritten) {
        long position = rewritten.chainPosition();
        String previous = position == 1 ? genesis() : dao.hashAt(position - 1).orElseThrow();
        return hash(previous, position, rewritten);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static AuditEventRow withChain(AuditEventRow e, long position, String hash) {
        return new AuditEventRow(e.seq(), e.id(), e.occurredAt(), e.apiKeyId(), e.apiKeyName(), e.role(), e.agentId(),
                e.action(), e.targetType(), e.targetId(), e.requestId(), e.clientAddress(), e.beforeState(),
                e.afterState(), position, hash);
    }
}
