package com.amends.customer;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Customers are the shop's own ids, recorded on first use. */
public final class Customers {
    public static final String ID_PATTERN = "[A-Za-z0-9._:@-]{1,64}";
    public static final String ID_MESSAGE = "must be 1 to 64 of A-Z, a-z, 0-9 and . _ : @ -";
    /** Agent ids follow the same rule: they name people in keys and counters, so no separators or spaces. */
    public static final String AGENT_ID_PATTERN = ID_PATTERN;

    private final CustomerDao dao;
    private final Clock clock;

    public Customers(Transactor transactor, Clock clock) {
        this.dao = transactor.onDemand(CustomerDao.class);
        this.clock = clock;
    }

    public void ensureAll(Tx tx, List<String> customerIds) {
        tx.requireOpen();
        dao.ensureAll(customerIds, clock.instant());
    }

    /**
     * Records the customer if new and locks their row for the transaction: grants to one
     * customer take turns, so a case is compensated once and the customer cap holds.
     */
    public void ensureAndLock(Tx tx, String customerId) {
        tx.requireOpen();
        // Most customers are known: the lock alone, one statement; the insert only for a new one.
        if (dao.lock(customerId).isEmpty()) {
            dao.ensure(customerId, clock.instant());
            dao.lock(customerId);
        }
    }

    /** Locks a known customer's row for the transaction; empty for a customer never seen. */
    public boolean lockIfKnown(Tx tx, String customerId) {
        tx.requireOpen();
        return dao.lock(customerId).isPresent();
    }

    public Instant require(String customerId) {
        return dao.createdAt(customerId).orElseThrow(() ->
                new ApiException(ErrorCode.CUSTOMER_NOT_FOUND, "No customer " + customerId + " has received goodwill yet"));
    }
}
