package com.amends.report;

import com.amends.ledger.Accounts;
import com.amends.ledger.Reconciliation;
import com.amends.platform.Csv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reconciliation as CSV: one row per finding, each repeating when the books were checked and
 * how much, as the liability report repeats its period; books that balance are one row with no
 * finding, so that an empty file never passes for a clean one.
 */
final class ReconciliationCsv {
    static final List<String> HEADER = List.of("checked_at", "ok", "entries_checked", "postings_checked",
            "accounts_checked", "finding", "entry_id", "account", "customer_id", "unit", "expected", "found");

    private ReconciliationCsv() {}

    static void write(Reconciliation books, Csv csv) {
        csv.row(HEADER);
        List<List<Object>> findings = new ArrayList<>();
        books.unbalancedEntries().forEach(e -> findings.add(finding("unbalanced_entry", e.entryId(), null, null,
                e.unit(), 0L, e.total())));
        books.entriesWithoutPostings().forEach(id -> findings.add(finding("entry_without_postings", id, null, null,
                null, null, null)));
        books.balanceMismatches().forEach(m -> findings.add(finding("balance_mismatch", null, m.account(), null,
                m.unit(), m.postedBalance(), m.storedBalance())));
        books.negativeBalances().forEach(n -> findings.add(finding("negative_balance", null, n.account(), null,
                n.unit(), null, n.balance())));
        books.lotMismatches().forEach(l -> findings.add(finding("lot_mismatch", null, Accounts.points(l.customerId()),
                l.customerId(), Accounts.POINTS, l.accountBalance(), l.lotsRemaining())));
        if (findings.isEmpty()) {
            findings.add(Arrays.asList(null, null, null, null, null, null, null));
        }
        for (List<Object> finding : findings) {
            List<Object> row = new ArrayList<>(List.of(books.checkedAt(), books.ok(), books.entriesChecked(),
                    books.postingsChecked(), books.accountsChecked()));
            row.addAll(finding);
            csv.row(row);
        }
    }

    /** Amounts as every report writes them: money in major units, points whole. */
    private static List<Object> finding(String kind, String entryId, String account, String customerId, String unit,
                                        Long expected, Long found) {
        return Arrays.asList(kind, entryId, account, customerId, unit,
                expected == null ? null : Csv.amount(expected, unit), found == null ? null : Csv.amount(found, unit));
    }
}
