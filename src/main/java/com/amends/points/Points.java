package com.amends.points;

import com.amends.customer.Customers;
import com.amends.event.Events;
import com.amends.event.EventType;
import com.amends.ledger.Accounts;
import com.amends.ledger.EntryContext;
import com.amends.ledger.EntryKind;
import com.amends.ledger.Ledger;
import com.amends.ledger.Line;
import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's points: one ledger account, and under it the lots that make up its balance, one
 * per points grant, each with its own expiry. The lots' remaining points always add up to the
 * account's balance; reconciliation checks it.
 *
 * <p>Every change to a customer's lots happens with their points account locked (it is locked
 * first, lots after), so spending, refunds, revocation and expiry on one customer take turns
 * and cannot deadlock.
 */
public final class Points {
    public static final Duration EXPIRING_SOON = Duration.ofDays(30);
    private static final int LOT_PAGE = 100;

    private final Transactor transactor;
    private final PointLotDao lots;
    private final Ledger ledger;
    private final Events events;
    private final Ids ids;
    private final Clock clock;
    private final Customers customers;

    public Points(Transactor transactor, Ledger ledger, Events events, Customers customers, Ids ids, Clock clock) {
        this.transactor = transactor;
        this.lots = transactor.onDemand(PointLotDao.class);
        this.ledger = ledger;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.customers = customers;
    }

    /** Credits a points grant as a new lot, inside the grant's transaction. */
    public void issue(Tx tx, long points, Instant expiresAt, EntryContext context) {
        ledger.openPointsAccount(tx, context.customerId());
        lots.insert(ids.next("lot"), context.customerId(), context.grantId(), points, expiresAt, clock.instant());
        ledger.post(tx, EntryKind.GRANT_ISSUED, context, List.of(
                Line.system(Accounts.goodwill(context.reasonCode()), Accounts.POINTS, -points),
                Line.wallet(Accounts.points(context.customerId()), Accounts.POINTS, points)));
    }

    /** Credits the same points to many grants at once (a campaign's chunk), with batched statements. */
    public void issueAll(Tx tx, long points, Instant expiresAt, List<EntryContext> grants) {
        ledger.openPointsAccounts(tx, grants.stream().map(EntryContext::customerId).toList());
        lots.insertAll(grants.stream().map(g -> new PointLotDao.NewLot(ids.next("lot"), g.customerId(), g.grantId()))
                .toList(), points, expiresAt, clock.instant());
        ledger.postAll(tx, grants.stream().map(g -> new Ledger.Entry(EntryKind.GRANT_ISSUED, g, List.of(
                Line.system(Accounts.goodwill(g.reasonCode()), Accounts.POINTS, -points),
                Line.wallet(Accounts.points(g.customerId()), Accounts.POINTS, points)))).toList());
    }

    /** Takes what is left of a grant's lot out of the wallet; spent points stay spent. */
    public long revokeGrantLot(Tx tx, EntryContext context) {
        String account = Accounts.points(context.customerId());
        lockAndExpire(tx, context.customerId(), context); // what already expired is breakage, not a revocation
        long remaining = lots.remainingOfGrant(context.grantId()).orElse(0L);
        if (remaining > 0) {
            lots.emptyLotOfGrant(context.grantId());
            ledger.post(tx, EntryKind.GRANT_REVOKED, context, List.of(
                    Line.wallet(account, Accounts.POINTS, -remaining),
                    Line.system(Accounts.REVOKED, Accounts.POINTS, remaining)));
        }
        return remaining;
    }

    /**
     * Locks the customer's points and takes {@code points} from their lots, soonest to expire
     * first, after expiring what is due. The caller posts the matching debit of the points
     * account in the same transaction. A customer never seen is customer_not_found; one without
     * points, insufficient_points.
     *
     * <p>One read finds both the lots past their time and the first lots to spend: open lots in
     * the order they expire hold the due ones first. Only when that page is all due is there
     * more to expire than it shows, and the due lots are then read whole.
     */
    public Taken take(Tx tx, String customerId, long points, EntryContext context) {
        Optional<Long> balance = ledger.lockIfOpen(tx, Accounts.points(customerId));
        if (balance.isEmpty()) {
            customers.require(customerId); // asked only here: a customer with a points account exists
            throw new ApiException(ErrorCode.INSUFFICIENT_POINTS, "The customer has no points", List.of(),
                    Map.of("available_points", 0));
        }
        Instant now = clock.instant();
        List<Lot> page = lots.open(customerId, LOT_PAGE);
        List<Lot> due = page.stream().filter(lot -> !lot.expiresAt().isAfter(now)).toList();
        List<Lot> spendable = page.subList(due.size(), page.size());
        if (due.size() == LOT_PAGE) {
            due = lots.due(customerId, now);
            spendable = lots.spendable(customerId, now, LOT_PAGE);
        }
        // With the lots expired by now gone, the open lots after now add up to the balance.
        long available = balance.get() - expire(tx, customerId, context, now, due);
        if (available < points) {
            throw new ApiException(ErrorCode.INSUFFICIENT_POINTS,
                    "The customer has " + available + " points to spend; " + points + " were asked for",
                    List.of(), Map.of("available_points", available));
        }
        List<LotUse> uses = new ArrayList<>();
        Map<String, Long> byGrant = new LinkedHashMap<>();
        long left = points;
        while (left > 0) {
            if (spendable.isEmpty()) {
                throw new IllegalStateException("The lots of " + customerId + " add up to less than its balance");
            }
            for (Lot lot : spendable) {
                if (left == 0) {
                    break;
                }
                long used = Math.min(left, lot.remaining());
                lots.add(lot.id(), -used);
                uses.add(new LotUse(lot.id(), used, lot.expiresAt()));
                byGrant.merge(lot.grantId(), used, Long::sum);
                left -= used;
            }
            if (left > 0) {
                // Every lot of the page was used up and closed, so the next page starts at the first still open.
                spendable = lots.spendable(customerId, now, LOT_PAGE);
            }
        }
        return new Taken(uses, byGrant);
    }

    /** The points taken from each lot, and how many came from each grant (for the ledger's lines). */
    public record Taken(List<LotUse> uses, Map<String, Long> byGrant) {}

    /**
     * Gives points back to the lots they came from, keeping each lot's expiry. Points do not
     * come back to life: those whose lot has expired meanwhile are answered as expired, and
     * those whose grant was revoked as revoked; the caller posts them to those accounts. The
     * customer's points account must be locked.
     */
    public Restored restore(Tx tx, List<LotUse> uses) {
        Instant now = clock.instant();
        Map<String, String> grants = grantsOf(uses);
        long live = 0;
        Map<String, Long> expired = new LinkedHashMap<>();
        Map<String, Long> revoked = new LinkedHashMap<>();
        for (LotUse use : uses) {
            String grant = grants.get(use.lotId());
            if (!use.expiresAt().isAfter(now)) {
                expired.merge(grant, use.points(), Long::sum);
            } else if (lots.grantRevoked(use.lotId())) {
                revoked.merge(grant, use.points(), Long::sum);
            } else {
                lots.add(use.lotId(), use.points());
                live += use.points();
            }
        }
        return new Restored(live, expired, revoked);
    }

    /** The lines that post restored points: live back to the wallet, the rest where it belongs. */
    public static List<Line> restoreLines(String customerId, Restored restored) {
        List<Line> lines = new ArrayList<>();
        lines.add(Line.wallet(Accounts.points(customerId), Accounts.POINTS, restored.live()));
        lines.addAll(perGrant(Accounts.EXPIRED, restored.expiredByGrant()));
        lines.addAll(perGrant(Accounts.REVOKED, restored.revokedByGrant()));
        return lines;
    }

    /** Lines to a system account, one per grant whose points they are. */
    public static List<Line> perGrant(String account, Map<String, Long> pointsByGrant) {
        return pointsByGrant.entrySet().stream()
                .map(e -> Line.system(account, Accounts.POINTS, e.getValue()).forGrant(e.getKey())).toList();
    }

    /** How many of these points belong to each grant, through the lots they came from. */
    public Map<String, Long> byGrant(List<LotUse> uses) {
        Map<String, String> grants = grantsOf(uses);
        Map<String, Long> byGrant = new LinkedHashMap<>();
        for (LotUse use : uses) {
            byGrant.merge(grants.get(use.lotId()), use.points(), Long::sum);
        }
        return byGrant;
    }

    private Map<String, String> grantsOf(List<LotUse> uses) {
        return uses.isEmpty() ? Map.of() : lots.grantsOf(uses.stream().map(LotUse::lotId).distinct().toList());
    }

    public long lock(Tx tx, String customerId) {
        return ledger.lock(tx, Accounts.points(customerId));
    }

    /** Locks the customer's points account and expires lots past their time; answers the points expired. */
    public long lockAndExpire(Tx tx, String customerId, EntryContext context) {
        return lockAndExpire(tx, customerId, context, clock.instant());
    }

    private long lockAndExpire(Tx tx, String customerId, EntryContext context, Instant now) {
        lock(tx, customerId);
        return expireDue(tx, customerId, context, now);
    }

    /** Expires the lots past their time; the customer's points account must be locked. */
    private long expireDue(Tx tx, String customerId, EntryContext context, Instant now) {
        return expire(tx, customerId, context, now, lots.due(customerId, now));
    }

    /** Expires these lots, all past their time; the customer's points account must be locked. */
    private long expire(Tx tx, String customerId, EntryContext context, Instant now, List<Lot> due) {
        long total = 0;
        Map<String, Long> byGrant = new LinkedHashMap<>();
        for (Lot lot : due) {
            lots.add(lot.id(), -lot.remaining());
            total += lot.remaining();
            byGrant.merge(lot.grantId(), lot.remaining(), Long::sum);
        }
        List<Line> lines = new ArrayList<>(List.of(Line.wallet(Accounts.points(customerId), Accounts.POINTS, -total)));
        lines.addAll(perGrant(Accounts.EXPIRED, byGrant));
        ledger.post(tx, EntryKind.POINTS_EXPIRED, new EntryContext(customerId, null, null, context.apiKeyId()), lines);
        if (total > 0) {
            events.record(tx, EventType.POINTS_EXPIRED, customerId, PointsExpiry.of(customerId, now, due));
        }
        return total;
    }

    /**
     * Tells each customer once, by a points.expiring_soon event per lot, that points expire within
     * {@code ahead}; one lot per transaction, which marks it told, so several instances tell once.
     * Answers how many lots were told of.
     */
    public int warnExpiringSoon(Duration ahead, int limit) {
        Instant now = clock.instant();
        int warned = 0;
        for (PointLotDao.ExpiringLot lot : lots.expiringUnwarned(now, now.plus(ahead), limit)) {
            boolean told = transactor.inTransaction(tx -> {
                if (lots.markWarned(lot.id(), now) == 0) {
                    return false;
                }
                events.record(tx, EventType.POINTS_EXPIRING_SOON, lot.customerId(), new PointsExpiring(
                        "points_expiring", lot.customerId(), lot.grantId(), lot.id(), lot.remaining(), lot.expiresAt()));
                return true;
            });
            warned += told ? 1 : 0;
        }
        return warned;
    }

    public List<String> customersWithDueLots(int limit) {
        return lots.customersWithDueLots(clock.instant(), limit);
    }

    public Lot lot(String lotId) {
        return lots.find(lotId);
    }

    /** Points the customer can spend now: lots not yet expired, less what holds reserve. */
    public long available(String customerId) {
        return lots.remainingValid(customerId, Accounts.points(customerId), clock.instant());
    }

    public long held(String customerId) {
        return lots.held(customerId);
    }

    public long expiringSoon(String customerId) {
        Instant now = clock.instant();
        return lots.remainingExpiringBetween(customerId, now, now.plus(EXPIRING_SOON));
    }
}
