package com.amends.voucher;

import com.amends.ledger.Accounts;
import com.amends.ledger.EntryContext;
import com.amends.ledger.EntryKind;
import com.amends.ledger.Ledger;
import com.amends.ledger.Line;
import com.amends.platform.Ids;
import com.amends.platform.Money;
import com.amends.platform.Transactor;
import com.amends.reward.VoucherTerms;
import com.amends.reward.VoucherType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Issues and revokes vouchers. An amount voucher is a ledger account holding its value; a
 * percent voucher is worth nothing until it meets an order, so issuing one moves no value.
 */
public final class Vouchers {
    /** More open vouchers than this on one wallet is abuse, not goodwill; the wallet shows the first ones. */
    public static final int WALLET_LIMIT = 100;

    private final VoucherDao dao;
    private final Ledger ledger;
    private final Ids ids;
    private final VoucherCodes codes;
    private final Clock clock;

    public Vouchers(Transactor tx, Ledger ledger, Ids ids, VoucherCodes codes, Clock clock) {
        this.dao = tx.onDemand(VoucherDao.class);
        this.ledger = ledger;
        this.ids = ids;
        this.codes = codes;
        this.clock = clock;
    }

    /** Issues a voucher for a grant, inside the grant's transaction. */
    public VoucherView issue(VoucherTerms terms, Instant expiresAt, EntryContext context) {
        Instant now = clock.instant();
        String id = ids.next("vch");
        boolean amount = terms.type() == VoucherType.AMOUNT;
        VoucherRow row = new VoucherRow(id, codes.next(), context.customerId(), context.grantId(), terms.type().wire(),
                terms.currency(), amount ? terms.value().amount() : null, terms.percentOff(),
                terms.maxDiscount() == null ? null : terms.maxDiscount().amount(), "active", expiresAt, now, null);
        dao.insert(row);
        if (amount) {
            ledger.openVoucherAccount(id, terms.currency(), context.customerId());
            long value = terms.value().amount();
            ledger.post(EntryKind.GRANT_ISSUED, context, List.of(
                    Line.system(Accounts.goodwill(context.reasonCode()), terms.currency(), -value),
                    Line.wallet(Accounts.voucher(id), terms.currency(), value)));
        }
        return get(id);
    }

    public VoucherView get(String id) {
        return dao.find(id).map(this::view).orElseThrow(() -> new IllegalStateException("no voucher " + id));
    }

    /** The vouchers of these grants, by grant id; one query for a whole page of grants. */
    public Map<String, VoucherView> ofGrants(List<String> grantIds) {
        if (grantIds.isEmpty()) {
            return Map.of();
        }
        return dao.ofGrants(grantIds).stream().collect(Collectors.toMap(VoucherRow::grantId, this::view));
    }

    public List<VoucherView> openOf(String customerId) {
        return dao.openOf(customerId, clock.instant(), WALLET_LIMIT).stream().map(this::view).toList();
    }

    /**
     * Revokes a voucher and takes what is left of its value out of the wallet; spent value stays
     * spent. Answers the value revoked (zero for a percent voucher).
     */
    public long revoke(String id, EntryContext context) {
        VoucherRow row = dao.find(id).orElseThrow(() -> new IllegalStateException("no voucher " + id));
        long remaining = row.initialAmount() == null ? 0 : ledger.lock(Accounts.voucher(id));
        dao.revoke(id);
        if (remaining > 0) {
            ledger.post(EntryKind.GRANT_REVOKED, context, List.of(
                    Line.wallet(Accounts.voucher(id), row.currency(), -remaining),
                    Line.system(Accounts.REVOKED, row.currency(), remaining)));
        }
        return remaining;
    }

    private VoucherView view(VoucherRow row) {
        VoucherType type = VoucherType.fromWire(row.type());
        boolean amount = type == VoucherType.AMOUNT;
        return new VoucherView(row.id(), VoucherCodes.display(row.code()), type, status(row),
                amount ? new Money(row.initialAmount(), row.currency()) : null,
                amount ? new Money(row.remaining() == null ? 0 : row.remaining(), row.currency()) : null,
                row.percentOff(),
                row.maxDiscount() == null ? null : new Money(row.maxDiscount(), row.currency()),
                row.expiresAt(), row.customerId(), row.grantId(), row.createdAt());
    }

    private String status(VoucherRow row) {
        if (!row.status().equals("active")) {
            return row.status();
        }
        if (!row.expiresAt().isAfter(clock.instant())) {
            return "expired";
        }
        if (row.initialAmount() != null && row.remaining() != null && row.remaining() == 0) {
            return "used_up";
        }
        return "active";
    }
}
