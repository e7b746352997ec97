package com.amends.audit;

import com.amends.platform.JsonLike;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Rewrites the audit events that name an erased customer, in the erasure's transaction. An event
 * not yet sealed is simply sealed later with its new content. A sealed one keeps its hash, and a
 * redaction row records the hash it has with its new content in its place in the chain, which the
 * walk checks instead (see {@link AuditChain#verify()}): the rewritten event and its predecessor are
 * held as strictly as before, and the digest of an erasure's redactions is carried by the erasure's
 * own audit event, which the chain seals in turn.
 */
public final class AuditRedaction {
    /** The operation whose audit event records an erasure; its answer carries {@code audit_redactions}. */
    public static final String ERASE_ACTION = "eraseCustomer";

    private final AuditDao dao;
    private final AuditChain chain;

    public AuditRedaction(Transactor transactor, AuditChain chain) {
        this.dao = transactor.onDemand(AuditDao.class);
        this.chain = chain;
    }

    /** What an erasure rewrote of the trail: sealed events, and the digest its audit event must carry. */
    public record Redacted(long events, String digest) {}

    /**
     * @param state rewrites an event's state before or after (JSON), naming the pseudonym instead
     *              of the customer and blanking free text about them
     */
    public Redacted redact(Tx tx, String customerId, String pseudonym, UnaryOperator<String> state) {
        tx.requireOpen();
        // The sealer waits until this commits: an event rewritten here is either sealed already,
        // and redacted, or sealed afterwards with its new content.
        dao.lockHead();
        List<AuditEventRow> events = dao.naming(customerId, JsonLike.quoted(customerId), JsonLike.suffixed(customerId));
        for (AuditEventRow e : events) {
            String target = customerId.equals(e.targetId()) ? pseudonym : e.targetId();
            AuditEventRow rewritten = new AuditEventRow(e.seq(), e.id(), e.occurredAt(), e.apiKeyId(), e.apiKeyName(),
                    e.role(), e.agentId(), e.action(), e.targetType(), target, e.requestId(), e.clientAddress(),
                    rewrite(state, e.beforeState()), rewrite(state, e.afterState()), e.chainPosition(), e.hash());
            if (Objects.equals(target, e.targetId()) && Objects.equals(rewritten.beforeState(), e.beforeState())
                    && Objects.equals(rewritten.afterState(), e.afterState())) {
                continue;
            }
            dao.rewrite(rewritten);
            if (e.chainPosition() != null) {
                dao.redacted(e.id(), pseudonym, chain.rewrittenLink(rewritten));
            }
        }
        List<AuditDao.Redaction> redactions = dao.redactionsOf(pseudonym);
        return new Redacted(redactions.size(), RedactionDigest.of(redactions));
    }

    private static String rewrite(UnaryOperator<String> state, String json) {
        return json == null ? null : state.apply(json);
    }
}
