package com.amends.ledger;

import com.amends.platform.Transactor;
import java.time.Clock;
import java.util.List;

/**
 * Checks the books: every entry balances, every stored balance is the sum of its postings, none
 * is negative, and points lots agree with their accounts. Each check is a single statement, so
 * it sees one consistent moment even while grants are being written; nothing is written here.
 */
public final class Reconciler {
    private final Transactor transactor;
    private final ReconciliationDao dao;
    private final Clock clock;

    public Reconciler(Transactor transactor, Clock clock) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(ReconciliationDao.class);
        this.clock = clock;
    }

    public Reconciliation run() {
        return transactor.inTransaction(tx -> {
            List<Reconciliation.UnbalancedEntry> unbalanced = dao.unbalancedEntries();
            List<String> empty = dao.entriesWithoutPostings();
            List<Reconciliation.BalanceMismatch> mismatches = dao.balanceMismatches();
            List<Reconciliation.NegativeBalance> negative = dao.negativeBalances();
            List<Reconciliation.LotMismatch> lots = dao.lotMismatches();
            boolean ok = unbalanced.isEmpty() && empty.isEmpty() && mismatches.isEmpty() && negative.isEmpty() && lots.isEmpty();
            return new Reconciliation(ok, clock.instant(), dao.countEntries(), dao.countPostings(), dao.countAccounts(),
                    unbalanced, empty, mismatches, negative, lots);
        });
    }
}
