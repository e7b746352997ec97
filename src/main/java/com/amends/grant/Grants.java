package com.amends.grant;

import com.amends.auth.Caller;
import com.amends.customer.Customers;
import com.amends.event.EventType;
import com.amends.event.Events;
import com.amends.ledger.EntryContext;
import com.amends.platform.ApiException;
import com.amends.platform.Cursor;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Json;
import com.amends.platform.ListConditions;
import com.amends.platform.Page;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.points.Points;
import com.amends.policy.Allowance;
import com.amends.policy.GrantTally;
import com.amends.policy.Judging;
import com.amends.policy.UsageKey;
import com.amends.reason.ReasonCode;
import com.amends.reason.ReasonCodes;
import com.amends.reward.Reward;
import com.amends.voucher.VoucherIssuer;
import com.amends.voucher.VoucherView;
import com.amends.voucher.Vouchers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Acts of goodwill: issuing points or a voucher for a case (or sending it for approval when it
 * breaks a control), deciding pending grants, and revoking one given by mistake.
 */
public final class Grants {
    /** The longest validity a grant may have, as for a reason code's default. */
    static final Duration MAX_VALIDITY = Duration.ofDays(3660);

    private final Transactor transactor;
    private final GrantDao dao;
    private final ReasonCodes reasons;
    private final Customers customers;
    private final Points points;
    private final Vouchers vouchers;
    private final VoucherIssuer voucherIssuer;
    private final Judging judging;
    private final GrantTally tally;
    private final Events events;
    private final GrantViews views;
    private final ObjectMapper mapper;
    private final Ids ids;
    private final Clock clock;
    private final Duration approvalTimeout;

    public Grants(Transactor transactor, ReasonCodes reasons, Customers customers, Points points, Vouchers vouchers,
                  VoucherIssuer voucherIssuer, Judging judging, GrantTally tally, GrantViews views, Events events,
                  ObjectMapper mapper, Ids ids, Clock clock, Duration approvalTimeout) {
        this.approvalTimeout = approvalTimeout;
        this.transactor = transactor;
        this.dao = transactor.onDemand(GrantDao.class);
        this.reasons = reasons;
        this.customers = customers;
        this.points = points;
        this.vouchers = vouchers;
        this.voucherIssuer = voucherIssuer;
        this.judging = judging;
        this.tally = tally;
        this.events = events;
        this.views = views;
        this.mapper = mapper;
        this.ids = ids;
        this.clock = clock;
    }

    /** Issues a grant, or sends it for approval, in the caller's transaction (the idempotent request's). */
    public GrantView create(Tx tx, Caller caller, CreateGrantRequest request) {
        if (request.reward() != null) {
            request.reward().check("");
        }
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiException.invalid("expires_at", "must be in the future");
        }
        if (request.expiresAt() != null && request.expiresAt().isAfter(now.plus(MAX_VALIDITY))) {
            throw ApiException.invalid("expires_at", "must be within " + MAX_VALIDITY.toDays() + " days");
        }
        tx.requireOpen();
        ReasonCode reason = reasons.requireActive(request.reasonCode());
        Reward reward = request.reward() != null ? request.reward() : reason.suggestedReward();
        if (reward == null) {
            throw ApiException.invalid("points", "give points or a voucher: reason code " + reason.code()
                    + " suggests no reward");
        }
        Instant expiresAt = request.expiresAt() != null
                ? request.expiresAt() : now.plus(Duration.ofDays(reason.defaultValidityDays()));
        String customer = request.customerId();
        String caseRef = request.caseRef().strip();
        String agent = request.agentId();
        customers.ensureAndLock(tx, customer);
        Optional<String> earlier = dao.compensating(customer, caseRef);
        if (earlier.isPresent() && !request.isTopUp()) {
            throw new ApiException(ErrorCode.ALREADY_COMPENSATED, "Case " + caseRef + " was compensated by grant "
                    + earlier.get() + "; send top_up: true to give more, which needs approval",
                    List.of(), Map.of("earlier_grant_id", earlier.get()));
        }
        Long value = judging.value(reward).orElse(null);
        Judging.Judgement judgement = judging.commit(tx, new Judging.Subject(caller.role(), agent, customer,
                reason.category(), value, now, earlier.isPresent()));
        GrantStatus status = judgement.needsApproval() ? GrantStatus.PENDING_APPROVAL : GrantStatus.ISSUED;
        String id = ids.next("grt");
        GrantRow row = GrantRow.single(new GrantRow.New(id, customer, agent, reason.code(), caseRef, request.channel(),
                request.note(), reward.points(), Json.write(mapper, reward), value, reason.category(), expiresAt,
                caller.keyId(), now), status, earlier.isPresent(),
                judgement.needsApproval() ? Json.write(mapper, judgement.violations()) : null);
        dao.insert(row);
        VoucherView voucher = status == GrantStatus.ISSUED
                ? issue(tx, reward, expiresAt, new EntryContext(customer, id, reason.code(), caller.keyId())) : null;
        tally.made(tx, id, customer, now, value, judgement.usage(), status == GrantStatus.ISSUED ? reward : null);
        // The answer is what was just written, not read back; only the 90-day figure is read.
        GrantView grant = views.view(row, voucher, judging.recentGoodwill(customer));
        events.record(tx, status == GrantStatus.ISSUED ? EventType.GRANT_ISSUED : EventType.GRANT_PENDING_APPROVAL,
                customer, grant);
        return grant;
    }

    /** Issues a grant's reward; answers the voucher issued, or null for points. */
    private VoucherView issue(Tx tx, Reward reward, Instant expiresAt, EntryContext context) {
        if (reward.points() != null) {
            points.issue(tx, reward.points(), expiresAt, context);
            return null;
        }
        return vouchers.view(voucherIssuer.issue(tx, reward.voucher(), expiresAt, context));
    }

    /** Issues a pending grant. Never by the agent who asked; a hard budget that ran out refuses it. */
    public GrantView approve(Tx tx, Caller caller, String id, DecisionRequest decision) {
        tx.requireOpen();
        GrantRow grant = lockPending(id, decision);
        // Budgets first, the ledger next, the totals last: the order every grant takes these rows in.
        List<UsageKey> added = judging.countOnApproval(tx, grant.category(), grant.createdAt(), grant.valueAmount(),
                grant.usageId());
        Reward reward = Json.read(mapper, grant.reward(), Reward.class);
        issue(tx, reward, grant.expiresAt(), new EntryContext(grant.customerId(), id, grant.reasonCode(), caller.keyId()));
        tally.approved(tx, id, grant.customerId(), added, reward);
        dao.decide(id, GrantStatus.ISSUED, decision.agentId(), clock.instant(), decision.note());
        // The helpdesk listens for the approval; the shop's email service for every grant issued.
        return told(tx, List.of(EventType.GRANT_APPROVED, EventType.GRANT_ISSUED), id);
    }

    public GrantView reject(Tx tx, Caller caller, String id, DecisionRequest decision) {
        if (decision.note() == null || decision.note().isBlank()) {
            throw ApiException.invalid("note", "is required to reject: say why");
        }
        tx.requireOpen();
        GrantRow grant = lockPending(id, decision);
        dao.decide(id, GrantStatus.REJECTED, decision.agentId(), clock.instant(), decision.note());
        stopCounting(tx, grant);
        return told(tx, EventType.GRANT_REJECTED, id);
    }

    /**
     * Ends a grant that waits for approval without a decision, as the customer it was for is being
     * erased: nobody may approve value for a pseudonym. Told as grant.rejected, decided by no agent.
     */
    public GrantView withdraw(Tx tx, String id, String why) {
        tx.requireOpen();
        GrantRow grant = dao.lock(id).orElseThrow(() -> notFound(id));
        if (!grant.is(GrantStatus.PENDING_APPROVAL)) {
            throw new ApiException(ErrorCode.GRANT_NOT_PENDING, "Grant " + id + " is " + grant.status().wire());
        }
        dao.decide(id, GrantStatus.REJECTED, null, clock.instant(), why);
        stopCounting(tx, grant);
        return told(tx, EventType.GRANT_REJECTED, id);
    }

    /** Expires grants left undecided since before {@code before}; answers how many. */
    public int expirePending(Instant before) {
        int expired = 0;
        for (String id : dao.pendingSince(before, 500)) {
            boolean done = transactor.inTransaction(tx -> {
                GrantRow grant = dao.lock(id).orElseThrow();
                if (!grant.is(GrantStatus.PENDING_APPROVAL) || grant.createdAt().isAfter(before)) {
                    return false;
                }
                dao.decide(id, GrantStatus.EXPIRED, null, clock.instant(), "not decided in time");
                stopCounting(tx, grant);
                told(tx, EventType.GRANT_APPROVAL_EXPIRED, id);
                return true;
            });
            expired += done ? 1 : 0;
        }
        return expired;
    }

    /** A grant rejected, expired undecided or revoked no longer counts. */
    private void stopCounting(Tx tx, GrantRow grant) {
        tally.withdrawn(tx, grant.usageId(), grant.customerId(), grant.createdAt(), grant.valueAmount());
    }

    private GrantRow lockPending(String id, DecisionRequest decision) {
        GrantRow grant = dao.lock(id).orElseThrow(() -> notFound(id));
        if (!grant.is(GrantStatus.PENDING_APPROVAL)) {
            throw new ApiException(ErrorCode.GRANT_NOT_PENDING, "Grant " + id + " is " + grant.status().wire());
        }
        Instant now = clock.instant();
        if (!grant.createdAt().plus(approvalTimeout).isAfter(now)) {
            throw new ApiException(ErrorCode.GRANT_NOT_PENDING, "Grant " + id + " waited longer than "
                    + approvalTimeout.toHours() + " hours and has expired");
        }
        if (!grant.expiresAt().isAfter(now)) {
            throw new ApiException(ErrorCode.GRANT_NOT_PENDING, "Grant " + id + "'s reward expired at "
                    + grant.expiresAt() + " while it waited");
        }
        if (grant.agentId().equals(decision.agentId())) {
            throw new ApiException(ErrorCode.SELF_APPROVAL,
                    "Agent " + grant.agentId() + " asked for this grant, so another supervisor must decide it");
        }
        return grant;
    }

    public Allowance allowance(Caller caller, String customerId, String agentId, String reasonCode, String caseRef) {
        ReasonCode reason = reasons.requireActive(reasonCode);
        String compensatedBy = caseRef == null ? null : dao.compensating(customerId, caseRef.strip()).orElse(null);
        return judging.allowance(new Judging.Subject(caller.role(), agentId, customerId, reason.category(), null,
                clock.instant(), compensatedBy != null), reason.suggestedReward(), compensatedBy);
    }

    public GrantView get(String id) {
        GrantRow row = dao.find(id).orElseThrow(() -> notFound(id));
        return views.view(row, vouchers.ofGrants(List.of(id)).get(id), judging.recentGoodwill(row.customerId()));
    }

    public Page<GrantView> list(GrantFilter filter, int limit, String cursor) {
        reasons.requireKnown("reason_code", filter.reasonCode());
        String key = Cursor.decode(cursor);
        boolean queue = GrantStatus.PENDING_APPROVAL.wire().equals(filter.status());
        ListConditions conditions = filter.conditions();
        List<GrantRow> rows = queue
                ? dao.pendingQueue(conditions.where(), conditions.oldestFirst(), filter,
                        Optional.ofNullable(key).orElse(""), limit + 1)
                : dao.list(conditions.where(), conditions.newestFirst(), filter,
                        Optional.ofNullable(key).orElse("~"), limit + 1);
        Map<String, GrantView> shown = views.of(rows);
        return Page.of(rows, limit, GrantRow::id, row -> shown.get(row.id()));
    }

    /**
     * Takes back what is left of an issued grant. Spent value is not clawed back: the customer
     * keeps what they already used, and the answer says how much was revoked.
     */
    public GrantView revoke(Tx tx, Caller caller, String id, RevokeGrantRequest request) {
        tx.requireOpen();
        GrantRow grant = dao.lock(id).orElseThrow(() -> notFound(id));
        if (!grant.is(GrantStatus.ISSUED)) {
            throw new ApiException(ErrorCode.GRANT_NOT_REVOCABLE,
                    "Grant " + id + " is " + grant.status().wire() + "; only an issued grant can be revoked");
        }
        EntryContext context = new EntryContext(grant.customerId(), id, grant.reasonCode(), caller.keyId());
        Long revokedPoints = null;
        Long revokedAmount = null;
        if (grant.points() != null) {
            revokedPoints = points.revokeGrantLot(tx, context);
        } else {
            VoucherView voucher = vouchers.ofGrants(List.of(id)).get(id);
            revokedAmount = vouchers.revoke(tx, voucher.id(), context);
        }
        dao.markRevoked(id, clock.instant(), request.reason().strip(), revokedPoints, revokedAmount);
        stopCounting(tx, grant);
        return told(tx, EventType.GRANT_REVOKED, id);
    }

    /** The grant as the API shows it, after telling of the change in the change's transaction. */
    private GrantView told(Tx tx, EventType type, String id) {
        return told(tx, List.of(type), id);
    }

    private GrantView told(Tx tx, List<EventType> types, String id) {
        GrantView grant = get(id);
        events.recordAll(tx, types.stream().map(type -> Events.NewEvent.of(type, grant.customerId(), grant)).toList());
        return grant;
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.GRANT_NOT_FOUND, "No grant " + id);
    }
}
