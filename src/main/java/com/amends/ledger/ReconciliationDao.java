package com.amends.ledger;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

interface ReconciliationDao {
    int SHOWN = 100;

    @SqlQuery("SELECT COUNT(*) FROM journal_entries")
    long countEntries();

    @SqlQuery("SELECT COUNT(*) FROM postings")
    long countPostings();

    @SqlQuery("SELECT COUNT(*) FROM accounts")
    long countAccounts();

    @SqlQuery("""
            SELECT entry_id, unit, SUM(amount) AS total FROM postings
             GROUP BY entry_id, unit HAVING SUM(amount) <> 0
             ORDER BY entry_id LIMIT 100
            """)
    @RegisterConstructorMapper(Reconciliation.UnbalancedEntry.class)
    List<Reconciliation.UnbalancedEntry> unbalancedEntries();

    @SqlQuery("""
            SELECT e.id FROM journal_entries e
             WHERE NOT EXISTS (SELECT 1 FROM postings p WHERE p.entry_id = e.id)
             ORDER BY e.id LIMIT 100
            """)
    List<String> entriesWithoutPostings();

    /** Invariant 2: a stored balance is the sum of its postings, in the account's own unit. */
    @SqlQuery("""
            SELECT a.id AS account, a.unit, a.balance AS stored_balance, COALESCE(SUM(p.amount), 0) AS posted_balance
              FROM accounts a LEFT JOIN postings p ON p.account_id = a.id
             GROUP BY a.id, a.unit, a.balance
            HAVING a.balance <> COALESCE(SUM(p.amount), 0)
                OR COUNT(CASE WHEN p.unit <> a.unit THEN 1 END) > 0
             ORDER BY a.id LIMIT 100
            """)
    @RegisterConstructorMapper(Reconciliation.BalanceMismatch.class)
    List<Reconciliation.BalanceMismatch> balanceMismatches();

    @SqlQuery("SELECT id AS account, unit, balance FROM accounts WHERE balance < 0 ORDER BY id LIMIT 100")
    @RegisterConstructorMapper(Reconciliation.NegativeBalance.class)
    List<Reconciliation.NegativeBalance> negativeBalances();

    /** A customer's points balance is the sum of what is left in their lots. */
    @SqlQuery("""
            SELECT a.customer_id, a.balance AS account_balance, COALESCE(l.remaining, 0) AS lots_remaining
              FROM accounts a
              LEFT JOIN (SELECT customer_id, SUM(remaining) AS remaining FROM point_lots GROUP BY customer_id) l
                     ON l.customer_id = a.customer_id
             WHERE a.kind = 'customer_points' AND a.balance <> COALESCE(l.remaining, 0)
             ORDER BY a.customer_id LIMIT 100
            """)
    @RegisterConstructorMapper(Reconciliation.LotMismatch.class)
    List<Reconciliation.LotMismatch> lotMismatches();
}
