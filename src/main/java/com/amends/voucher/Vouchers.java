package com.amends.voucher;

import com.amends.event.Events;
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
import com.amends.reward.VoucherType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Vouchers: finding by code, and the checks and moves checkout makes (issuing is
 * {@link VoucherIssuer}'s). An amount
 * voucher is a ledger account holding its value; a percent voucher is worth nothing until it
 * meets an order, so issuing one moves no value.
 *
 * <p>Lock order: the voucher row, then its account. Every transaction that changes a voucher
 * takes them in that order.
 */
public final class Vouchers {
    /** More open vouchers than this on one wallet is abuse, not goodwill; the wallet shows the first ones. */
    public static final int WALLET_LIMIT = 100;
    public static final Duration EXPIRING_SOON = Duration.ofDays(30);

    private final VoucherDao dao;
    private final Ledger ledger;
    private final Events events;
    private final Ids ids;
    private final CodeGuessLimiter limiter;
    private final Clock clock;

    public Vouchers(Transactor transactor, Ledger ledger, Events events, Ids ids, CodeGuessLimiter limiter, Clock clock) {
        this.dao = transactor.onDemand(VoucherDao.class);
        this.ledger = ledger;
        this.events = events;
        this.ids = ids;
        this.limiter = limiter;
        this.clock = clock;
    }

    public VoucherView get(String id) {
        return view(row(id));
    }

    /**
     * The voucher a typed code names. A code that fails its check character was mistyped; one
     * that passes but is not stored does not exist. Both count against the caller's limit.
     */
    public VoucherRow find(String apiKeyId, String typed) {
        limiter.check(apiKeyId);
        String code = VoucherCodes.normalize(typed).orElse(null);
        if (code == null || !VoucherCodes.checks(code)) {
            limiter.recordFailure(apiKeyId);
            throw new ApiException(ErrorCode.VOUCHER_CODE_MISTYPED,
                    "This is not a valid voucher code; check it for a typo (codes look like 7KQM-3XWD-9PFA-R2TN-H6VC)");
        }
        return dao.findByCode(code).orElseThrow(() -> {
            limiter.recordFailure(apiKeyId);
            return new ApiException(ErrorCode.VOUCHER_NOT_FOUND, "No voucher has this code");
        });
    }

    /** What checkout sees before it redeems: usable or why not, and the discount on an order. */
    public VoucherCheck check(String apiKeyId, String typed, Money orderTotal) {
        VoucherRow voucher = find(apiKeyId, typed);
        ErrorCode refusal = refusal(voucher);
        Money discount = null;
        if (orderTotal != null) {
            requireCurrency(voucher, orderTotal, "currency");
            long amount = refusal != null ? 0 : voucher.isAmount()
                    ? Math.min(voucher.balance(), orderTotal.amount()) : percentDiscount(voucher, orderTotal.amount());
            discount = new Money(amount, orderTotal.currency());
        }
        VoucherView view = view(voucher);
        return new VoucherCheck(view.code(), refusal == null, view.status(), refusal == null ? null : refusal.code(),
                view.type(), voucher.currency(), view.remaining(), view.percentOff(), view.maxDiscount(),
                view.expiresAt(), view.expiringSoon(), discount);
    }

    /** Locks the voucher and answers it fresh, refusing one that cannot be spent now. */
    public VoucherRow lockUsable(Tx tx, String id) {
        VoucherRow voucher = lock(tx, id);
        ErrorCode refusal = refusal(voucher);
        if (refusal == ErrorCode.INSUFFICIENT_BALANCE) {
            throw new ApiException(refusal, "The voucher has nothing left to spend");
        }
        if (refusal != null) {
            throw new ApiException(refusal, refusal.title());
        }
        return voucher;
    }

    public VoucherRow lock(Tx tx, String id) {
        dao.lock(id).orElseThrow(() -> new IllegalStateException("no voucher " + id));
        return row(id);
    }

    /** Why the voucher cannot be spent now, or null when it can. */
    ErrorCode refusal(VoucherRow voucher) {
        return switch (voucher.status()) {
            case REVOKED -> ErrorCode.VOUCHER_REVOKED;
            case EXPIRED -> ErrorCode.VOUCHER_EXPIRED;
            case REDEEMED -> ErrorCode.VOUCHER_USED_UP;
            case HELD -> ErrorCode.VOUCHER_ON_HOLD;
            case ACTIVE -> {
                if (!voucher.expiresAt().isAfter(clock.instant())) {
                    yield ErrorCode.VOUCHER_EXPIRED;
                }
                // An amount voucher spent to nothing refuses the way any balance too small does.
                yield voucher.isAmount() && voucher.balance() == 0 ? ErrorCode.INSUFFICIENT_BALANCE : null;
            }
        };
    }

    /** Refuses money in another currency than the voucher's (a percent voucher without a cap takes any). */
    public void requireCurrency(VoucherRow voucher, Money money, String field) {
        if (voucher.currency() != null && !voucher.currency().equals(money.currency())) {
            throw ApiException.field(ErrorCode.CURRENCY_MISMATCH, field,
                    "is " + money.currency() + " but the voucher is in " + voucher.currency());
        }
    }

    /**
     * What spending this voucher on an order takes from it. An amount voucher spends the amount
     * asked for, or, given only the order total, as much of its balance as the order needs; a
     * percent voucher takes its percentage of the order total, up to its cap.
     */
    public long spendAmount(VoucherRow voucher, Money amount, Money orderTotal) {
        if (voucher.isAmount()) {
            if (amount != null) {
                requireCurrency(voucher, amount, "amount.currency");
                requirePositive(amount, "amount");
                return amount.amount();
            }
            if (orderTotal == null) {
                throw ApiException.invalid("amount", "is required for an amount voucher");
            }
            requireCurrency(voucher, orderTotal, "order_total.currency");
            requirePositive(orderTotal, "order_total");
            return Math.min(voucher.balance(), orderTotal.amount());
        }
        if (amount != null) {
            throw ApiException.invalid("amount", "goes with amount vouchers; send order_total for a percent voucher");
        }
        if (orderTotal == null) {
            throw ApiException.invalid("order_total", "is required for a percent voucher");
        }
        requireCurrency(voucher, orderTotal, "order_total.currency");
        requirePositive(orderTotal, "order_total");
        long discount = percentDiscount(voucher, orderTotal.amount());
        if (discount == 0) {
            // Spending a single-use voucher on nothing would only use it up.
            throw ApiException.invalid("order_total.amount", "is too small for this voucher to take anything off");
        }
        return discount;
    }

    private static void requirePositive(Money money, String field) {
        if (money.amount() <= 0) {
            throw ApiException.invalid(field + ".amount", "must be greater than 0");
        }
    }

    /** What a percent voucher takes off this order total: the percentage, rounded down, up to the cap. */
    public static long percentDiscount(VoucherRow voucher, long orderTotal) {
        long discount = Math.multiplyExact(orderTotal, voucher.percentOff()) / 100;
        return voucher.maxDiscount() == null ? discount : Math.min(discount, voucher.maxDiscount());
    }

    public void changeStatus(Tx tx, String id, VoucherStatus from, VoucherStatus to) {
        if (dao.changeStatus(id, from, to) != 1) {
            throw new IllegalStateException("voucher " + id + " was not " + from.wire());
        }
    }

    /**
     * Where value coming back to a locked voucher goes: into the voucher while it can still be
     * spent; to the expired or revoked account when it no longer can.
     */
    public Line returnLine(VoucherRow voucher, long amount) {
        if (voucher.status() == VoucherStatus.REVOKED) {
            return Line.system(Accounts.REVOKED, voucher.currency(), amount);
        }
        if (voucher.status() == VoucherStatus.EXPIRED || !voucher.expiresAt().isAfter(clock.instant())) {
            return Line.system(Accounts.EXPIRED, voucher.currency(), amount);
        }
        return Line.wallet(Accounts.voucher(voucher.id()), voucher.currency(), amount);
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
    public long revoke(Tx tx, String id, EntryContext context) {
        VoucherRow voucher = lock(tx, id);
        long remaining = voucher.balance();
        dao.changeStatus(id, voucher.status(), VoucherStatus.REVOKED);
        ledger.post(tx, EntryKind.GRANT_REVOKED, context, List.of(
                Line.wallet(Accounts.voucher(id), voucher.currency(), -remaining),
                Line.system(Accounts.REVOKED, voucher.currency(), remaining)));
        return remaining;
    }

    VoucherRow row(String id) {
        return dao.find(id).orElseThrow(() -> new IllegalStateException("no voucher " + id));
    }

    public VoucherView view(VoucherRow row) {
        VoucherType type = VoucherType.fromWire(row.type());
        boolean amount = type == VoucherType.AMOUNT;
        return new VoucherView(row.id(), VoucherCodes.display(row.code()), type, status(row),
                amount ? new Money(row.initialAmount(), row.currency()) : null,
                amount ? new Money(row.balance(), row.currency()) : null,
                row.percentOff(),
                row.maxDiscount() == null ? null : new Money(row.maxDiscount(), row.currency()),
                row.expiresAt(), !row.expiresAt().isAfter(clock.instant().plus(EXPIRING_SOON)),
                row.customerId(), row.grantId(), row.createdAt());
    }

    /** The status a client sees: stored states, plus expired and used up as they fall due. */
    String status(VoucherRow row) {
        ErrorCode refusal = refusal(row);
        if (refusal == null) {
            return VoucherStatus.ACTIVE.wire();
        }
        return switch (refusal) {
            case VOUCHER_REVOKED -> VoucherStatus.REVOKED.wire();
            case VOUCHER_EXPIRED -> VoucherStatus.EXPIRED.wire();
            case VOUCHER_ON_HOLD -> VoucherStatus.HELD.wire();
            default -> "used_up";
        };
    }
}
