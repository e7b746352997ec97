package com.amends.audit;

import com.amends.platform.Transactor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Tamper evidence for the audit trail. Each sealed event has a link (audit_links): its place in the
 * chain and a SHA-256 over its content, that place and the previous link's hash, so editing or
 * deleting an event or a link breaks the chain there.
 *
 * <p>Events are written unsealed by the changes they record; hashing them there would make every
 * write in the system queue on the chain's last hash. The sealer instead appends committed events
 * to the chain afterwards, under a lock only it and an erasure take. The links are rows of their
 * own, so that sealing never rewrites an event's wide row.
 *
 * <p>Each pass reads the events written after the last one sealed: a range of the primary key. An
 * event can commit after one written later was sealed (a long transaction), and that range no
 * longer holds it; a sweep finds such events in the stretch of seq sealed by the time it started,
 * once that stretch has settled (see {@link #SETTLE}).
 */
public final class AuditChain {
    private static final int BATCH = 1_000;

    /**
     * How long after it wrote an event a transaction has surely committed or rolled back, as the day
     * sums assume. A seq at or below the last one sealed at some moment was taken before that moment
     * (an identity hands out increasing values, uncached), so by SETTLE later every event up to it is
     * committed or gone, and a sweep over that stretch misses none. Sweeps run at most this often:
     * each reads only the stretch sealed since the previous one, without the anti-join over the
     * whole trail.
     */
    static final Duration SETTLE = Duration.ofMinutes(5);

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
            int sealed = transactor.inTransaction(tx -> sealBatch());
            total += sealed;
            if (sealed < BATCH) {
                return total;
            }
        }
    }

    private int sealBatch() {
        AuditDao.ChainHead head = dao.lockHead();
        boolean sweep = head.candidateAt() != null && !clock.instant().isBefore(head.candidateAt().plus(SETTLE));
        // Stragglers first: each is older than every event after lastSeq.
        List<AuditEventRow> events = new ArrayList<>(
                sweep ? dao.unlinked(head.scanFrom(), head.candidateSeq(), BATCH) : List.of());
        boolean swept = sweep && events.size() < BATCH;
        long scanFrom = swept ? head.candidateSeq() : sweep ? last(events).seq() : head.scanFrom();
        long lastSeq = head.lastSeq();
        if (events.size() < BATCH) {
            List<AuditEventRow> fresh = dao.after(lastSeq, BATCH - events.size());
            events.addAll(fresh);
            lastSeq = fresh.isEmpty() ? lastSeq : last(fresh).seq();
        }
        // Read after the finds: every seq up to lastSeq was taken before this moment.
        Instant now = clock.instant();
        boolean newCandidate = swept || head.candidateAt() == null;
        if (events.isEmpty() && !newCandidate) {
            return 0;
        }
        long position = head.position();
        String hash = head.lastHash();
        List<AuditEventRow> links = new ArrayList<>(events.size());
        for (AuditEventRow event : events) {
            position++;
            hash = hash(hash, position, event);
            links.add(withChain(event, position, hash));
        }
        if (!links.isEmpty()) {
            dao.link(links);
        }
        dao.advance(new AuditDao.ChainHead(position, hash, links.isEmpty() ? head.sealedAt() : now, lastSeq, scanFrom,
                newCandidate ? lastSeq : head.candidateSeq(), newCandidate ? now : head.candidateAt()));
        return links.size();
    }

    private static AuditEventRow last(List<AuditEventRow> events) {
        return events.get(events.size() - 1);
    }

    /** Walks the sealed chain from its start and names the first event that does not match. */
    public ChainVerification verify() {
        AuditDao.ChainHead head = transactor.inTransaction(tx -> dao.head());
        long unsealed = transactor.inTransaction(tx -> dao.countUnsealed());
        String headEvent = transactor.inTransaction(tx -> dao.idAt(head.position()).orElse(null));
        long expected = 0;
        long read = 0;
        Long deletedEvent = null; // the first link after the last event checked whose event row is gone
        String hash = genesis();
        String lastEventId = null;
        boolean walking = true;
        while (walking && read < head.position()) {
            long after = read;
            List<AuditEventRow> links = transactor.inTransaction(tx -> dao.chainAfter(after, BATCH));
            if (links.isEmpty()) {
                break;
            }
            for (AuditEventRow event : links) {
                if (event.chainPosition() > head.position()) {
                    walking = false; // sealed after this walk began
                    break;
                }
                read = event.chainPosition();
                if (event.id() == null) {
                    deletedEvent = deletedEvent == null ? event.chainPosition() : deletedEvent;
                    continue;
                }
                if (event.chainPosition() != expected + 1) {
                    return ChainVerification.broken(expected, head, unsealed, headEvent, expected + 1, event.id(),
                            "position " + (expected + 1) + " is missing: " + (eventDeleted(expected, deletedEvent)
                                    ? "an event" : "a link") + " was deleted before " + event.id());
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
        if (expected < head.position()) {
            return ChainVerification.broken(expected, head, unsealed, headEvent, expected + 1, null,
                    "the chain ends at position " + expected + " but its head says " + head.position()
                            + ": " + (eventDeleted(expected, deletedEvent) ? "events" : "links") + " at the end were deleted");
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

    /** Whether the position after {@code expected} lost its event (its link is there) rather than its link. */
    private static boolean eventDeleted(long expected, Long deletedEvent) {
        return deletedEvent != null && deletedEvent == expected + 1;
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

    /** Package-private for the migration test, which seals events as the sealer did before links. */
    String hash(String previous, long position, AuditEventRow e) {
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
