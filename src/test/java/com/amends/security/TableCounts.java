package com.amends.security;

import com.amends.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows in every table that holds what the API manages, to show that refused requests changed
 * nothing. Left out: stored idempotent answers and the audit chain (its head and links, which
 * the sealer writes on its own time), which are bookkeeping about requests rather than the books.
 */
final class TableCounts {
    private static final List<String> TABLES = List.of("api_keys", "reason_codes", "customers", "accounts",
            "journal_entries", "postings", "grants", "point_lots", "vouchers", "redemptions", "redemption_lots",
            "reversals", "holds", "hold_lots", "limit_policies", "customer_caps", "budgets", "budget_usage",
            "agent_usage", "campaigns", "campaign_batches", "campaign_recipients", "audit_events", "erasures",
            "audit_redactions");

    private TableCounts() {}

    static Map<String, Long> of(TestServer server) {
        return server.jdbi().withHandle(handle -> {
            Map<String, Long> counts = new TreeMap<>();
            for (String table : TABLES) {
                counts.put(table, handle.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
            }
            counts.put("sum of balances", handle.createQuery("SELECT COALESCE(SUM(balance), 0) FROM accounts")
                    .mapTo(Long.class).one());
            return counts;
        });
    }
}
