package com.amends.points;

import com.amends.ledger.Accounts;
import com.amends.ledger.EntryContext;
import com.amends.ledger.EntryKind;
import com.amends.ledger.Ledger;
import com.amends.ledger.Line;
import com.amends.platform.Ids;
import com.amends.platform.Transactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A customer's points: one ledger account, and under it the lots that make up its balance, one
 * per points grant, each with its own expiry. The lots' remaining points always add up to the
 * account's balance; reconciliation checks it.
 */
public final class Points {
    public static final Duration EXPIRING_SOON = Duration.ofDays(30);

    private final PointLotDao lots;
    private final Ledger ledger;
    private final Ids ids;
    private final Clock clock;

    public Points(Transactor tx, Ledger ledger, Ids ids, Clock clock) {
        this.lots = tx.onDemand(PointLotDao.class);
        this.ledger = ledger;
        this.ids = ids;
        this.clock = clock;
    }

    /** Credits a points grant as a new lot, inside the grant's transaction. */
    public void issue(long points, Instant expiresAt, EntryContext context) {
        ledger.openPointsAccount(context.customerId());
        lots.insert(ids.next("lot"), context.customerId(), context.grantId(), points, expiresAt, clock.instant());
        ledger.post(EntryKind.GRANT_ISSUED, context, List.of(
                Line.system(Accounts.goodwill(context.reasonCode()), Accounts.POINTS, -points),
                Line.wallet(Accounts.points(context.customerId()), Accounts.POINTS, points)));
    }

    /** Takes what is left of a grant's lot out of the wallet; spent points stay spent. */
    public long revokeGrantLot(EntryContext context) {
        String account = Accounts.points(context.customerId());
        ledger.lock(account);
        long remaining = lots.lockRemainingOfGrant(context.grantId()).orElse(0L);
        if (remaining > 0) {
            lots.emptyLotOfGrant(context.grantId());
            ledger.post(EntryKind.GRANT_REVOKED, context, List.of(
                    Line.wallet(account, Accounts.POINTS, -remaining),
                    Line.system(Accounts.REVOKED, Accounts.POINTS, remaining)));
        }
        return remaining;
    }

    public long available(String customerId) {
        return ledger.balance(Accounts.points(customerId));
    }

    public long expiringSoon(String customerId) {
        Instant now = clock.instant();
        return lots.expiringBetween(customerId, now, now.plus(EXPIRING_SOON));
    }
}
