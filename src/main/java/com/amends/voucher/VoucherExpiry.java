package com.amends.voucher;

import com.amends.event.EventType;
import com.amends.event.Events;
import com.amends.ledger.Accounts;
import com.amends.ledger.EntryContext;
import com.amends.ledger.EntryKind;
import com.amends.ledger.Ledger;
import com.amends.ledger.Line;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Vouchers coming to their end: the warning a while before, and the expiry itself, which moves
 * what was left of an amount voucher's value to the expired account. Run by the expiry job, one
 * voucher per transaction, which locks it and checks again, so several instances do each once.
 */
public final class VoucherExpiry {
    private final Transactor transactor;
    private final VoucherDao dao;
    private final Vouchers vouchers;
    private final Ledger ledger;
    private final Events events;
    private final Clock clock;

    public VoucherExpiry(Transactor transactor, Vouchers vouchers, Ledger ledger, Events events, Clock clock) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(VoucherDao.class);
        this.vouchers = vouchers;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Tells each owner once, by a voucher.expiring_soon event, that a voucher they can still spend
     * expires within {@code ahead}; one voucher per transaction, which marks it told. Answers how
     * many were told of.
     */
    public int warnExpiringSoon(Duration ahead, int limit) {
        Instant now = clock.instant();
        int warned = 0;
        for (String id : dao.expiringUnwarned(now, now.plus(ahead), limit)) {
            boolean told = transactor.inTransaction(tx -> {
                if (dao.markWarned(id, now) == 0) {
                    return false;
                }
                VoucherRow voucher = vouchers.row(id);
                if (voucher.isAmount() && voucher.balance() == 0) {
                    return false; // spent to nothing: there is nothing to remind anyone of
                }
                VoucherView view = vouchers.view(voucher);
                events.record(tx, EventType.VOUCHER_EXPIRING_SOON, view.customerId(), view);
                return true;
            });
            warned += told ? 1 : 0;
        }
        return warned;
    }

    public List<String> due(int limit) {
        return dao.due(clock.instant(), limit);
    }

    /** Expires one voucher if it is still due; what was left of its value goes to the expired account. */
    public boolean expire(Tx tx, String id) {
        VoucherRow voucher = vouchers.lock(tx, id);
        if (voucher.status() != VoucherStatus.ACTIVE || voucher.expiresAt().isAfter(clock.instant())) {
            return false; // another instance got here first, or a hold still has it
        }
        vouchers.changeStatus(tx, id, VoucherStatus.ACTIVE, VoucherStatus.EXPIRED);
        ledger.post(tx, EntryKind.VOUCHER_EXPIRED,
                new EntryContext(voucher.customerId(), voucher.grantId(), voucher.reasonCode(), null), List.of(
                        Line.wallet(Accounts.voucher(id), voucher.currency(), -voucher.balance()),
                        Line.system(Accounts.EXPIRED, voucher.currency(), voucher.balance())));
        VoucherView expired = vouchers.get(id);
        events.record(tx, EventType.VOUCHER_EXPIRED, expired.customerId(), expired);
        return true;
    }
}
