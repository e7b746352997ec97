package com.amends.wallet;

import com.amends.customer.Customers;
import com.amends.points.PointValues;
import com.amends.points.Points;
import com.amends.policy.GoodwillTotals;
import com.amends.policy.Judging;
import com.amends.voucher.Vouchers;
import java.time.Clock;
import java.time.Instant;

/**
 * A customer's wallet, the most read view of all: it sits above the packages it reads (points,
 * vouchers, the goodwill totals), so none of them needs to know it exists. Each part is read in
 * a statement of its own, outside a transaction, as reads elsewhere are.
 */
public final class Wallets {
    private final Customers customers;
    private final Points points;
    private final Vouchers vouchers;
    private final GoodwillTotals totals;
    private final Judging judging;
    private final PointValues pointValues;
    private final Clock clock;

    public Wallets(Customers customers, Points points, Vouchers vouchers, GoodwillTotals totals, Judging judging,
                   PointValues pointValues, Clock clock) {
        this.customers = customers;
        this.points = points;
        this.vouchers = vouchers;
        this.totals = totals;
        this.judging = judging;
        this.pointValues = pointValues;
        this.clock = clock;
    }

    public Wallet of(String customerId) {
        Instant since = customers.require(customerId);
        return new Wallet(customerId, since,
                new Wallet.PointsSummary(points.available(customerId), points.held(customerId),
                        points.expiringSoon(customerId), clock.instant().plus(Points.EXPIRING_SOON)),
                vouchers.openOf(customerId), goodwillOf(customerId));
    }

    /** The part of the wallet checkout may see: what can be spent now. */
    public Balance balanceOf(String customerId) {
        customers.require(customerId);
        long available = points.available(customerId);
        return new Balance(customerId, new Balance.Points(available, pointValues.values(available)),
                vouchers.openOf(customerId).stream().map(v -> new Balance.UsableVoucher(v.code(), v.type(), v.remaining(),
                        v.percentOff(), v.maxDiscount(), v.expiresAt())).toList());
    }

    private CustomerGoodwill goodwillOf(String customerId) {
        GoodwillTotals.Lifetime given = totals.lifetime(customerId);
        return new CustomerGoodwill(given.grants(), given.points(), given.voucherValue(),
                judging.recentGoodwill(customerId));
    }
}
