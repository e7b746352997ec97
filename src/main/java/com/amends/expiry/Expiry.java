package com.amends.expiry;

import com.amends.grant.Grants;
import com.amends.hold.Holds;
import com.amends.ledger.EntryContext;
import com.amends.platform.Transactor;
import com.amends.points.Points;
import com.amends.voucher.VoucherExpiry;
import java.time.Clock;
import java.time.Duration;

/**
 * Puts time into the books: releases holds past their time to live, then expires points lots
 * and vouchers past theirs, what was left going to the expired account, and grants left
 * waiting for approval too long.
 *
 * <p>Every instance runs this. Each item is handled in a transaction of its own that locks it
 * and checks again that it is still due, so two instances meeting on one item do it once.
 */
public final class Expiry {
    private static final int BATCH = 500;

    private final Transactor transactor;
    private final Holds holds;
    private final Points points;
    private final VoucherExpiry vouchers;
    private final Grants grants;
    private final Clock clock;
    private final Duration approvalTimeout;
    private final Duration warning;

    /** @param warning how long before they expire points and vouchers are warned of */
    public Expiry(Transactor transactor, Holds holds, Points points, VoucherExpiry vouchers, Grants grants, Clock clock,
                  Duration approvalTimeout, Duration warning) {
        this.transactor = transactor;
        this.holds = holds;
        this.points = points;
        this.vouchers = vouchers;
        this.grants = grants;
        this.clock = clock;
        this.approvalTimeout = approvalTimeout;
        this.warning = warning;
    }

    /** Runs until nothing is due; answers what it did. */
    public Result run() {
        long releasedHolds = 0;
        long customers = 0;
        long expiredPoints = 0;
        long expiredVouchers = 0;
        for (boolean more = true; more; ) {
            more = false;
            for (String hold : holds.due(BATCH)) {
                if (holds.expire(hold)) {
                    releasedHolds++;
                    more = true;
                }
            }
        }
        for (boolean more = true; more; ) {
            more = false;
            for (String customer : points.customersWithDueLots(BATCH)) {
                long expired = transactor.inTransaction(tx ->
                        points.lockAndExpire(tx, customer, new EntryContext(customer, null, null, null)));
                if (expired > 0) {
                    customers++;
                    expiredPoints += expired;
                    more = true;
                }
            }
        }
        for (boolean more = true; more; ) {
            more = false;
            for (String voucher : vouchers.due(BATCH)) {
                if (transactor.inTransaction(tx -> vouchers.expire(tx, voucher))) {
                    expiredVouchers++;
                    more = true;
                }
            }
        }
        long expiredGrants = 0;
        for (int expired = -1; expired != 0; ) {
            expired = grants.expirePending(clock.instant().minus(approvalTimeout));
            expiredGrants += expired;
        }
        long lotsWarned = 0;
        for (int warned = -1; warned != 0; lotsWarned += warned) {
            warned = points.warnExpiringSoon(warning, BATCH);
        }
        long vouchersWarned = 0;
        for (int warned = -1; warned != 0; vouchersWarned += warned) {
            warned = vouchers.warnExpiringSoon(warning, BATCH);
        }
        return new Result(releasedHolds, customers, expiredPoints, expiredVouchers, expiredGrants, lotsWarned,
                vouchersWarned);
    }

    public record Result(long holdsReleased, long customersWithExpiredPoints, long pointsExpired, long vouchersExpired,
                         long pendingGrantsExpired, long lotsWarned, long vouchersWarned) {}
}
