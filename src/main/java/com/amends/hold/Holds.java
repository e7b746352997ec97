package com.amends.hold;

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
import com.amends.platform.FieldError;
import com.amends.platform.Ids;
import com.amends.platform.Money;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.points.LotUse;
import com.amends.points.Points;
import com.amends.points.Restored;
import com.amends.redemption.Redemptions;
import com.amends.voucher.VoucherRow;
import com.amends.voucher.VoucherStatus;
import com.amends.voucher.Vouchers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Authorize, then capture: a hold moves the reserved value into an account of its own
 * ({@code hold:<id>}), where nothing else can spend it. A capture spends up to all of it and
 * returns the rest; a release, or the server when the hold outlives its time to live, returns
 * all of it. A percent voucher has no value to move, so holding it only marks it held.
 */
public final class Holds {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    private final Transactor transactor;
    private final HoldDao dao;
    private final Ledger ledger;
    private final Points points;
    private final Vouchers vouchers;
    private final Redemptions redemptions;
    private final Events events;
    private final Ids ids;
    private final Clock clock;

    public Holds(Transactor transactor, Ledger ledger, Points points, Vouchers vouchers, Redemptions redemptions,
                 Events events, Ids ids, Clock clock) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(HoldDao.class);
        this.ledger = ledger;
        this.points = points;
        this.vouchers = vouchers;
        this.redemptions = redemptions;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    public HoldView create(Tx tx, Caller caller, CreateHoldRequest request) {
        boolean forPoints = request.customerId() != null || request.points() != null;
        boolean forVoucher = request.voucherCode() != null;
        if (forPoints == forVoucher) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Hold either points or a voucher",
                    List.of(new FieldError("voucher_code", "give either customer_id with points, or voucher_code")), Map.of());
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(request.ttlSeconds() == null ? DEFAULT_TTL : Duration.ofSeconds(request.ttlSeconds()));
        String id = ids.next("hld");
        if (forPoints) {
            holdPoints(tx, caller, id, request, expiresAt);
        } else {
            holdVoucher(tx, caller, id, request, expiresAt);
        }
        return told(tx, EventType.HOLD_CREATED, id);
    }

    private void holdPoints(Tx tx, Caller caller, String id, CreateHoldRequest request, Instant expiresAt) {
        if (request.customerId() == null || request.points() == null) {
            throw ApiException.invalid(request.customerId() == null ? "customer_id" : "points",
                    "is required to hold points");
        }
        if (request.amount() != null || request.orderTotal() != null) {
            throw ApiException.invalid("amount", "goes with voucher holds");
        }
        String customer = request.customerId();
        EntryContext context = new EntryContext(customer, null, null, caller.keyId());
        List<LotUse> uses = points.take(tx, customer, request.points(), context).uses();
        ledger.openHoldAccount(tx, id, Accounts.POINTS, customer);
        dao.insert(HoldRow.placed(id, "points", customer, null, request.orderRef(), Accounts.POINTS, request.points(), null,
                expiresAt, caller.keyId(), clock.instant()));
        dao.insertLots(id, uses);
        ledger.post(tx, EntryKind.HOLD_PLACED, context, List.of(
                Line.wallet(Accounts.points(customer), Accounts.POINTS, -request.points()),
                Line.wallet(Accounts.hold(id), Accounts.POINTS, request.points())));
    }

    private void holdVoucher(Tx tx, Caller caller, String id, CreateHoldRequest request, Instant expiresAt) {
        VoucherRow voucher = vouchers.lockUsable(tx, vouchers.find(caller.keyId(), request.voucherCode()).id());
        long held = vouchers.spendAmount(voucher, request.amount(), request.orderTotal());
        String currency = voucher.currency() != null ? voucher.currency() : request.orderTotal().currency();
        dao.insert(HoldRow.placed(id, "voucher", voucher.customerId(), voucher.id(), request.orderRef(), currency, held,
                request.orderTotal() == null ? null : request.orderTotal().amount(), expiresAt, caller.keyId(),
                clock.instant()));
        if (voucher.isAmount()) {
            ledger.openHoldAccount(tx, id, currency, voucher.customerId());
            ledger.post(tx, EntryKind.HOLD_PLACED, context(caller, voucher), List.of(
                    Line.wallet(Accounts.voucher(voucher.id()), currency, -held),
                    Line.wallet(Accounts.hold(id), currency, held)));
        } else {
            vouchers.changeStatus(tx, voucher.id(), VoucherStatus.ACTIVE, VoucherStatus.HELD);
        }
    }

    /** Spends up to what is held and returns the rest; answers the hold with its redemption. */
    public HoldView capture(Tx tx, Caller caller, String id, CaptureRequest request) {
        HoldRow hold = lockActive(tx, id);
        long capture = requestedCapture(hold, request);
        String redemptionId = hold.isPoints() ? capturePoints(tx, caller, hold, capture) : captureVoucher(tx, caller, hold, capture);
        dao.close(id, HoldStatus.CAPTURED, clock.instant(), capture, redemptionId);
        HoldView captured = told(tx, EventType.HOLD_CAPTURED, id);
        redemptions.told(tx, redemptionId);
        return captured;
    }

    public HoldView release(Tx tx, Caller caller, String id) {
        HoldRow hold = dao.lock(id).orElseThrow(() -> notFound(id));
        requireActive(hold);
        giveBack(tx, hold, caller.keyId(), HoldStatus.RELEASED);
        return told(tx, EventType.HOLD_RELEASED, id);
    }

    /** Releases one hold past its time to live, if nobody closed it meanwhile. */
    public boolean expire(String id) {
        return transactor.inTransaction(tx -> {
            HoldRow hold = dao.lock(id).orElseThrow(() -> notFound(id));
            if (hold.status() != HoldStatus.ACTIVE || hold.expiresAt().isAfter(clock.instant())) {
                return false;
            }
            giveBack(tx, hold, null, HoldStatus.EXPIRED);
            told(tx, EventType.HOLD_EXPIRED, id);
            return true;
        });
    }

    private HoldView told(Tx tx, EventType type, String id) {
        HoldView hold = get(id);
        events.record(tx, type, hold.customerId(), hold);
        return hold;
    }

    public List<String> due(int limit) {
        return dao.due(clock.instant(), limit);
    }

    public HoldView get(String id) {
        return view(dao.find(id).orElseThrow(() -> notFound(id)));
    }

    private HoldRow lockActive(Tx tx, String id) {
        HoldRow hold = dao.lock(id).orElseThrow(() -> notFound(id));
        requireActive(hold);
        if (!hold.expiresAt().isAfter(clock.instant())) {
            throw new ApiException(ErrorCode.HOLD_NOT_ACTIVE, "Hold " + id + " expired at " + hold.expiresAt());
        }
        return hold;
    }

    private static void requireActive(HoldRow hold) {
        if (hold.status() != HoldStatus.ACTIVE) {
            throw new ApiException(ErrorCode.HOLD_NOT_ACTIVE, "Hold " + hold.id() + " is " + hold.status().wire());
        }
    }

    private static long requestedCapture(HoldRow hold, CaptureRequest request) {
        long capture;
        if (hold.isPoints()) {
            if (request.amount() != null) {
                throw ApiException.invalid("amount", "goes with voucher holds; send points for a points hold");
            }
            capture = request.points() == null ? hold.amount() : request.points();
        } else {
            if (request.points() != null) {
                throw ApiException.invalid("points", "goes with points holds; send amount for a voucher hold");
            }
            if (request.amount() != null && !request.amount().currency().equals(hold.unit())) {
                throw ApiException.field(ErrorCode.CURRENCY_MISMATCH, "amount.currency",
                        "is " + request.amount().currency() + " but the hold is in " + hold.unit());
            }
            capture = request.amount() == null ? hold.amount() : request.amount().amount();
        }
        if (capture > hold.amount()) {
            throw new ApiException(ErrorCode.CAPTURE_EXCEEDS_HOLD,
                    "The hold holds " + hold.amount() + " " + hold.unit() + "; " + capture + " were asked for");
        }
        if (capture <= 0) {
            throw ApiException.invalid(hold.isPoints() ? "points" : "amount.amount", "must be greater than 0");
        }
        return capture;
    }

    /**
     * Spends from the held lots still valid, soonest-expiring first; held points whose lot has
     * expired meanwhile are not spendable and go to expiry with the rest.
     */
    private String capturePoints(Tx tx, Caller caller, HoldRow hold, long capture) {
        points.lock(tx, hold.customerId());
        Instant now = clock.instant();
        List<LotUse> held = dao.lots(hold.id());
        long live = held.stream().filter(l -> l.expiresAt().isAfter(now)).mapToLong(LotUse::points).sum();
        if (capture > live) {
            throw new ApiException(ErrorCode.CAPTURE_EXCEEDS_HOLD, (hold.amount() - live)
                    + " of the held points expired during the hold; at most " + live + " can be captured");
        }
        List<LotUse> spent = new ArrayList<>();
        List<LotUse> rest = new ArrayList<>();
        long left = capture;
        for (LotUse lot : held) {
            long take = lot.expiresAt().isAfter(now) ? Math.min(left, lot.points()) : 0;
            if (take > 0) {
                spent.add(new LotUse(lot.lotId(), take, lot.expiresAt()));
            }
            if (lot.points() > take) {
                rest.add(new LotUse(lot.lotId(), lot.points() - take, lot.expiresAt()));
            }
            left -= take;
        }
        Restored restored = points.restore(tx, rest);
        List<Line> lines = new ArrayList<>(List.of(Line.wallet(Accounts.hold(hold.id()), Accounts.POINTS, -hold.amount())));
        lines.addAll(Points.perGrant(Accounts.REDEEMED, points.byGrant(spent)));
        lines.addAll(Points.restoreLines(hold.customerId(), restored));
        ledger.post(tx, EntryKind.HOLD_CAPTURED, new EntryContext(hold.customerId(), null, null, caller.keyId()), lines);
        return redemptions.record(tx, caller, "points", hold.customerId(), null, hold.id(), hold.orderRef(), Accounts.POINTS,
                capture, null, null, spent);
    }

    private String captureVoucher(Tx tx, Caller caller, HoldRow hold, long capture) {
        VoucherRow voucher = vouchers.lock(tx, hold.voucherId());
        if (voucher.isAmount()) {
            ledger.post(tx, EntryKind.HOLD_CAPTURED, context(caller, voucher), List.of(
                    Line.wallet(Accounts.hold(hold.id()), hold.unit(), -hold.amount()),
                    Line.system(Accounts.REDEEMED, hold.unit(), capture),
                    vouchers.returnLine(voucher, hold.amount() - capture)));
        } else {
            if (voucher.status() != VoucherStatus.HELD) {
                throw new ApiException(ErrorCode.VOUCHER_REVOKED, "The voucher was revoked while it was held");
            }
            vouchers.changeStatus(tx, voucher.id(), VoucherStatus.HELD, VoucherStatus.REDEEMED);
            ledger.post(tx, EntryKind.HOLD_CAPTURED, context(caller, voucher), List.of(
                    Line.system(Accounts.goodwill(voucher.reasonCode()), hold.unit(), -capture),
                    Line.system(Accounts.REDEEMED, hold.unit(), capture)));
        }
        return redemptions.record(tx, caller, "voucher", hold.customerId(), voucher.id(), hold.id(), hold.orderRef(),
                hold.unit(), capture, hold.orderTotal(), null, List.of());
    }

    private void giveBack(Tx tx, HoldRow hold, String apiKeyId, HoldStatus status) {
        if (hold.isPoints()) {
            points.lock(tx, hold.customerId());
            Restored restored = points.restore(tx, dao.lots(hold.id()));
            List<Line> lines = new ArrayList<>(List.of(
                    Line.wallet(Accounts.hold(hold.id()), Accounts.POINTS, -hold.amount())));
            lines.addAll(Points.restoreLines(hold.customerId(), restored));
            ledger.post(tx, EntryKind.HOLD_RELEASED, new EntryContext(hold.customerId(), null, null, apiKeyId), lines);
        } else {
            VoucherRow voucher = vouchers.lock(tx, hold.voucherId());
            if (voucher.isAmount()) {
                ledger.post(tx, EntryKind.HOLD_RELEASED,
                        new EntryContext(voucher.customerId(), voucher.grantId(), voucher.reasonCode(), apiKeyId), List.of(
                                Line.wallet(Accounts.hold(hold.id()), hold.unit(), -hold.amount()),
                                vouchers.returnLine(voucher, hold.amount())));
            } else if (voucher.status() == VoucherStatus.HELD) {
                vouchers.changeStatus(tx, voucher.id(), VoucherStatus.HELD, VoucherStatus.ACTIVE);
            }
        }
        dao.close(hold.id(), status, clock.instant(), null, null);
    }

    private static EntryContext context(Caller caller, VoucherRow voucher) {
        return new EntryContext(voucher.customerId(), voucher.grantId(), voucher.reasonCode(), caller.keyId());
    }

    private HoldView view(HoldRow row) {
        boolean points = row.isPoints();
        Money amount = points ? null : new Money(row.amount(), row.unit());
        String code = row.voucherId() == null ? null : vouchers.get(row.voucherId()).code();
        return new HoldView(row.id(), row.kind(), row.status().wire(), row.customerId(), row.orderRef(), row.voucherId(), code,
                points ? row.amount() : null, amount,
                row.orderTotal() == null ? null : new Money(row.orderTotal(), row.unit()),
                row.expiresAt(), row.createdAt(), row.closedAt(), row.captured(), row.redemptionId());
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.HOLD_NOT_FOUND, "No hold " + id);
    }
}
