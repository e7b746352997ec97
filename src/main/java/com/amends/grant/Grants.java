package com.amends.grant;

import com.amends.auth.Caller;
import com.amends.customer.Customers;
import com.amends.ledger.EntryContext;
import com.amends.platform.ApiException;
import com.amends.platform.Cursor;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Money;
import com.amends.platform.Page;
import com.amends.platform.Transactor;
import com.amends.points.Points;
import com.amends.reason.ReasonCode;
import com.amends.reason.ReasonCodes;
import com.amends.voucher.VoucherView;
import com.amends.voucher.Vouchers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Acts of goodwill: issuing points or a voucher for a case, and revoking one given by mistake. */
public final class Grants {
    private final Transactor tx;
    private final GrantDao dao;
    private final ReasonCodes reasons;
    private final Customers customers;
    private final Points points;
    private final Vouchers vouchers;
    private final Ids ids;
    private final Clock clock;

    public Grants(Transactor tx, ReasonCodes reasons, Customers customers, Points points, Vouchers vouchers,
                  Ids ids, Clock clock) {
        this.tx = tx;
        this.dao = tx.onDemand(GrantDao.class);
        this.reasons = reasons;
        this.customers = customers;
        this.points = points;
        this.vouchers = vouchers;
        this.ids = ids;
        this.clock = clock;
    }

    public GrantView create(Caller caller, CreateGrantRequest request) {
        request.reward().check("");
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiException.invalid("expires_at", "must be in the future");
        }
        return tx.inTransaction(() -> {
            ReasonCode reason = reasons.requireActive(request.reasonCode());
            Instant expiresAt = request.expiresAt() != null
                    ? request.expiresAt() : now.plus(Duration.ofDays(reason.defaultValidityDays()));
            customers.ensure(request.customerId());
            String id = ids.next("grt");
            dao.insert(new GrantRow(id, request.customerId(), request.agentId().strip(), reason.code(),
                    request.caseRef().strip(), request.channel().wire(), request.note(), GrantStatus.ISSUED.wire(),
                    request.points(), expiresAt, caller.keyId(), now, null, null, null, null));
            EntryContext context = new EntryContext(request.customerId(), id, reason.code(), caller.keyId());
            if (request.points() != null) {
                points.issue(request.points(), expiresAt, context);
            } else {
                vouchers.issue(request.voucher(), expiresAt, context);
            }
            return get(id);
        });
    }

    public GrantView get(String id) {
        GrantRow row = dao.find(id).orElseThrow(() -> notFound(id));
        return view(row, vouchers.ofGrants(List.of(id)).get(id));
    }

    public Page<GrantView> list(GrantFilter filter, int limit, String cursor) {
        String before = Optional.ofNullable(Cursor.decode(cursor)).orElse("~");
        List<GrantRow> rows = dao.list(filter, before, limit + 1);
        Map<String, VoucherView> vouchersByGrant = vouchers.ofGrants(
                rows.stream().filter(r -> r.points() == null).map(GrantRow::id).toList());
        return Page.of(rows, limit, GrantRow::id, row -> view(row, vouchersByGrant.get(row.id())));
    }

    /**
     * Takes back what is left of an issued grant. Spent value is not clawed back: the customer
     * keeps what they already used, and the answer says how much was revoked.
     */
    public GrantView revoke(Caller caller, String id, RevokeGrantRequest request) {
        return tx.inTransaction(() -> {
            GrantRow grant = dao.lock(id).orElseThrow(() -> notFound(id));
            if (!grant.status().equals(GrantStatus.ISSUED.wire())) {
                throw new ApiException(ErrorCode.GRANT_NOT_REVOCABLE,
                        "Grant " + id + " is " + grant.status() + "; only an issued grant can be revoked");
            }
            EntryContext context = new EntryContext(grant.customerId(), id, grant.reasonCode(), caller.keyId());
            Long revokedPoints = null;
            Long revokedAmount = null;
            if (grant.points() != null) {
                revokedPoints = points.revokeGrantLot(context);
            } else {
                VoucherView voucher = vouchers.ofGrants(List.of(id)).get(id);
                revokedAmount = vouchers.revoke(voucher.id(), context);
            }
            dao.markRevoked(id, clock.instant(), request.reason().strip(), revokedPoints, revokedAmount);
            return get(id);
        });
    }

    public CustomerGoodwill goodwillOf(String customerId) {
        GrantDao.GrantTotals totals = dao.totalsOf(customerId);
        List<Money> value = dao.voucherValueOf(customerId).stream()
                .map(t -> new Money(t.amount(), t.currency())).toList();
        return new CustomerGoodwill(totals.grants(), totals.points(), value);
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.GRANT_NOT_FOUND, "No grant " + id);
    }

    private static GrantView view(GrantRow row, VoucherView voucher) {
        GrantView.Revocation revocation = row.revokedAt() == null ? null : new GrantView.Revocation(
                row.revokedAt(), row.revokeReason(), row.revokedPoints(),
                row.revokedAmount() == null || voucher == null || voucher.value() == null
                        ? null : new Money(row.revokedAmount(), voucher.value().currency()));
        return new GrantView(row.id(), GrantStatus.fromWire(row.status()), row.customerId(), row.agentId(),
                row.reasonCode(), row.caseRef(), Channel.valueOf(row.channel().toUpperCase(java.util.Locale.ROOT)),
                row.note(), row.points(), voucher, row.expiresAt(), row.createdAt(), revocation);
    }
}
