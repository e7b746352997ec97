package com.amends.redemption;

import com.amends.event.Events;
import com.amends.event.EventType;
import com.amends.auth.Caller;
import com.amends.ledger.Accounts;
import com.amends.ledger.EntryContext;
import com.amends.ledger.EntryKind;
import com.amends.ledger.Ledger;
import com.amends.ledger.Line;
import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Money;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.points.LotUse;
import com.amends.points.PointValues;
import com.amends.points.Points;
import com.amends.points.Restored;
import com.amends.voucher.VoucherCodes;
import com.amends.voucher.VoucherRow;
import com.amends.voucher.VoucherStatus;
import com.amends.voucher.Vouchers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spending at checkout and giving back on refund. A redemption records what was spent and, for
 * points, which lots it came from, so that a reversal returns value exactly where it came from.
 */
public final class Redemptions {
    private final RedemptionDao dao;
    private final Ledger ledger;
    private final Points points;
    private final PointValues pointValues;
    private final Vouchers vouchers;
    private final Events events;
    private final Ids ids;
    private final Clock clock;

    public Redemptions(Transactor transactor, Ledger ledger, Points points, PointValues pointValues, Vouchers vouchers,
                       Events events, Ids ids, Clock clock) {
        this.dao = transactor.onDemand(RedemptionDao.class);
        this.ledger = ledger;
        this.points = points;
        this.pointValues = pointValues;
        this.vouchers = vouchers;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    public RedemptionView redeemVoucher(Tx tx, Caller caller, String code, VoucherRedemptionRequest request) {
        VoucherRow found = vouchers.find(caller.keyId(), code);
        VoucherRow voucher = vouchers.lockUsable(tx, found.id());
        long spent = vouchers.spendAmount(voucher, request.amount(), request.orderTotal());
        String currency = voucher.currency() != null ? voucher.currency() : request.orderTotal().currency();
        EntryContext context = new EntryContext(voucher.customerId(), voucher.grantId(), voucher.reasonCode(),
                caller.keyId());
        if (voucher.isAmount()) {
            ledger.post(tx, EntryKind.VOUCHER_REDEEMED, context, List.of(
                    Line.wallet(Accounts.voucher(voucher.id()), currency, -spent),
                    Line.system(Accounts.REDEEMED, currency, spent)));
        } else {
            vouchers.changeStatus(tx, voucher.id(), VoucherStatus.ACTIVE, VoucherStatus.REDEEMED);
            // A percent voucher's cost is only known now, so the goodwill expense is booked now.
            ledger.post(tx, EntryKind.VOUCHER_REDEEMED, context, List.of(
                    Line.system(Accounts.goodwill(voucher.reasonCode()), currency, -spent),
                    Line.system(Accounts.REDEEMED, currency, spent)));
        }
        RedemptionRow row = write(tx, caller, "voucher", voucher.customerId(), voucher.id(), null, request.orderRef(),
                currency, spent, request.orderTotal() == null ? null : request.orderTotal().amount(), null, List.of());
        return told(tx, view(row, List.of(), List.of(), VoucherCodes.display(voucher.code())));
    }

    public RedemptionView redeemPoints(Tx tx, Caller caller, String customerId, PointsRedemptionRequest request) {
        Money value = request.currency() == null ? null : pointValues.value(request.points(), request.currency());
        EntryContext context = new EntryContext(customerId, null, null, caller.keyId());
        Points.Taken taken = points.take(tx, customerId, request.points(), context);
        List<LotUse> uses = taken.uses();
        List<Line> lines = new ArrayList<>(List.of(
                Line.wallet(Accounts.points(customerId), Accounts.POINTS, -request.points())));
        lines.addAll(Points.perGrant(Accounts.REDEEMED, taken.byGrant()));
        ledger.post(tx, EntryKind.POINTS_REDEEMED, context, lines);
        RedemptionRow row = write(tx, caller, "points", customerId, null, null, request.orderRef(), Accounts.POINTS,
                request.points(), null, value, uses);
        return told(tx, view(row, List.of(), uses, null));
    }

    /** Writes a redemption row (and the lots it spent), inside the caller's transaction. */
    public String record(Tx tx, Caller caller, String kind, String customerId, String voucherId, String holdId, String orderRef,
                         String unit, long amount, Long orderTotal, Money value, List<LotUse> lots) {
        return write(tx, caller, kind, customerId, voucherId, holdId, orderRef, unit, amount, orderTotal, value, lots).id();
    }

    /** Writes the row and answers it as written, so that the answer needs no read back. */
    private RedemptionRow write(Tx tx, Caller caller, String kind, String customerId, String voucherId, String holdId,
                                String orderRef, String unit, long amount, Long orderTotal, Money value, List<LotUse> lots) {
        RedemptionRow row = new RedemptionRow(ids.next("red"), kind, customerId, voucherId, holdId, orderRef, unit, amount,
                0, orderTotal, value == null ? null : value.amount(), value == null ? null : value.currency(),
                caller.keyId(), clock.instant());
        dao.insert(row);
        if (!lots.isEmpty()) {
            dao.insertLots(row.id(), lots);
        }
        return row;
    }

    /** The redemption as the API shows it, after telling that it was spent (voucher.redeemed or points.redeemed). */
    public RedemptionView told(Tx tx, String id) {
        return told(tx, get(id));
    }

    private RedemptionView told(Tx tx, RedemptionView redemption) {
        events.record(tx, redemption.kind().equals("points") ? EventType.POINTS_REDEEMED : EventType.VOUCHER_REDEEMED,
                redemption.customerId(), redemption);
        return redemption;
    }

    public RedemptionView get(String id) {
        RedemptionRow row = dao.find(id).orElseThrow(() -> notFound(id));
        return view(row);
    }

    /**
     * Gives value back after a refund, to where it came from: the same voucher, or the same
     * lots with their own expiry. Value whose voucher or lot has expired meanwhile goes straight
     * to the expired account. The total given back never exceeds what was spent.
     */
    public RedemptionView reverse(Tx tx, Caller caller, String id, ReversalRequest request) {
        RedemptionRow redemption = dao.lock(id).orElseThrow(() -> notFound(id));
        long left = redemption.amount() - redemption.reversed();
        long amount = requestedReversal(redemption, request, left);
        long expired = redemption.isPoints()
                ? reversePoints(tx, caller, redemption, amount)
                : reverseVoucher(tx, caller, redemption, amount);
        if (dao.addReversed(id, amount) != 1) {
            throw new IllegalStateException("reversal beyond the redeemed amount of " + id);
        }
        dao.insertReversal(new ReversalRow(ids.next("rev"), id, redemption.unit(), amount, expired,
                request.reason(), caller.keyId(), clock.instant()));
        RedemptionView reversed = get(id);
        events.record(tx, EventType.REDEMPTION_REVERSED, reversed.customerId(), reversed);
        return reversed;
    }

    private static long requestedReversal(RedemptionRow redemption, ReversalRequest request, long left) {
        long amount;
        if (redemption.isPoints()) {
            if (request.amount() != null) {
                throw ApiException.invalid("amount", "goes with voucher redemptions; send points for a points redemption");
            }
            amount = request.points() == null ? left : request.points();
        } else {
            if (request.points() != null) {
                throw ApiException.invalid("points", "goes with points redemptions; send amount for a voucher redemption");
            }
            if (request.amount() != null && !request.amount().currency().equals(redemption.unit())) {
                throw ApiException.field(ErrorCode.CURRENCY_MISMATCH, "amount.currency",
                        "is " + request.amount().currency() + " but the redemption was in " + redemption.unit());
            }
            amount = request.amount() == null ? left : request.amount().amount();
        }
        if (left == 0 || amount > left) {
            throw new ApiException(ErrorCode.REVERSAL_EXCEEDS_REDEEMED,
                    left + " " + redemption.unit() + " of this redemption can still be reversed; " + amount + " were asked for");
        }
        if (amount <= 0) {
            throw ApiException.invalid(redemption.isPoints() ? "points" : "amount.amount", "must be greater than 0");
        }
        return amount;
    }

    private long reversePoints(Tx tx, Caller caller, RedemptionRow redemption, long amount) {
        EntryContext context = new EntryContext(redemption.customerId(), null, null, caller.keyId());
        points.lock(tx, redemption.customerId());
        List<LotUse> giveBack = new ArrayList<>();
        long left = amount;
        for (RedemptionLot lot : dao.lots(redemption.id())) {
            long back = Math.min(left, lot.points() - lot.reversed());
            if (back > 0) {
                giveBack.add(new LotUse(lot.lotId(), back, lot.expiresAt()));
                dao.addLotReversed(redemption.id(), lot.lotId(), back);
                left -= back;
            }
        }
        Map<String, Long> byGrant = points.byGrant(giveBack);
        Restored restored = points.restore(tx, giveBack);
        List<Line> lines = new ArrayList<>();
        byGrant.forEach((grant, back) -> lines.add(Line.system(Accounts.REDEEMED, Accounts.POINTS, -back).forGrant(grant)));
        lines.addAll(Points.restoreLines(redemption.customerId(), restored));
        ledger.post(tx, EntryKind.REDEMPTION_REVERSED, context, lines);
        return restored.expired() + restored.revoked();
    }

    private long reverseVoucher(Tx tx, Caller caller, RedemptionRow redemption, long amount) {
        VoucherRow voucher = vouchers.lock(tx, redemption.voucherId());
        EntryContext context = new EntryContext(voucher.customerId(), voucher.grantId(), voucher.reasonCode(),
                caller.keyId());
        String currency = redemption.unit();
        if (voucher.isAmount()) {
            Line back = vouchers.returnLine(voucher, amount);
            ledger.post(tx, EntryKind.REDEMPTION_REVERSED, context, List.of(
                    Line.system(Accounts.REDEEMED, currency, -amount), back));
            return back.account().equals(Accounts.EXPIRED) ? amount : 0;
        }
        // A percent voucher's discount was booked as expense when spent; a refund takes it back.
        ledger.post(tx, EntryKind.REDEMPTION_REVERSED, context, List.of(
                Line.system(Accounts.REDEEMED, currency, -amount),
                Line.system(Accounts.goodwill(voucher.reasonCode()), currency, amount)));
        boolean wholeOrderRefunded = redemption.reversed() + amount == redemption.amount();
        if (wholeOrderRefunded && voucher.status() == VoucherStatus.REDEEMED && voucher.expiresAt().isAfter(clock.instant())) {
            vouchers.changeStatus(tx, voucher.id(), VoucherStatus.REDEEMED, VoucherStatus.ACTIVE); // usable again on another order
        }
        return 0;
    }

    private RedemptionView view(RedemptionRow row) {
        List<RedemptionView.ReversalView> reversals = dao.reversals(row.id()).stream()
                .map(r -> new RedemptionView.ReversalView(r.id(),
                        row.isPoints() ? null : new Money(r.amount(), r.unit()),
                        row.isPoints() ? r.amount() : null, r.expiredAmount(), r.reason(), r.createdAt()))
                .toList();
        List<LotUse> lots = row.isPoints()
                ? dao.lots(row.id()).stream().map(l -> new LotUse(l.lotId(), l.points(), l.expiresAt())).toList()
                : List.of();
        return view(row, reversals, lots, row.isPoints() ? null : vouchers.get(row.voucherId()).code());
    }

    /** The view of a row, its reversals, the lots it spent (any order) and its voucher's code. */
    private static RedemptionView view(RedemptionRow row, List<RedemptionView.ReversalView> reversals, List<LotUse> spent,
                                       String code) {
        if (row.isPoints()) {
            List<LotUse> lots = spent.stream()
                    .sorted(java.util.Comparator.comparing(LotUse::expiresAt).thenComparing(LotUse::lotId))
                    .toList();
            Money value = row.valueAmount() == null ? null : new Money(row.valueAmount(), row.valueCurrency());
            return new RedemptionView(row.id(), row.kind(), row.customerId(), row.orderRef(), row.holdId(), null, null,
                    null, null, null, row.amount(), row.reversed(), value, lots, reversals, row.createdAt());
        }
        return new RedemptionView(row.id(), row.kind(), row.customerId(), row.orderRef(), row.holdId(), row.voucherId(),
                code, new Money(row.amount(), row.unit()), new Money(row.reversed(), row.unit()),
                row.orderTotal() == null ? null : new Money(row.orderTotal(), row.unit()),
                null, null, null, null, reversals, row.createdAt());
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.REDEMPTION_NOT_FOUND, "No redemption " + id);
    }
}
