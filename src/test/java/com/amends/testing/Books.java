package com.amends.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** What the ledger holds, read straight from the tables, to prove a refusal changed nothing. */
public record Books(long entries, long postings, long accounts, long customers, long grants, long vouchers,
                    long lots, long balanceTotal) {

    public static Books of(TestServer server) {
        Jdbi jdbi = server.jdbi();
        return jdbi.withHandle(h -> {
            List<Long> counts = List.of("journal_entries", "postings", "accounts", "customers", "grants", "vouchers",
                    "point_lots").stream()
                    .map(table -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one())
                    .toList();
            long balances = h.createQuery("SELECT COALESCE(SUM(balance), 0) FROM accounts").mapTo(Long.class).one();
            return new Books(counts.get(0), counts.get(1), counts.get(2), counts.get(3), counts.get(4), counts.get(5),
                    counts.get(6), balances);
        });
    }

    /** Asserts that the reconciliation endpoint finds nothing wrong, and answers its report. */
    public static JsonNode assertReconciled(TestServer server) {
        JsonNode report = server.as(Role.FINANCE).get("/v1/reports/reconciliation").expect(200);
        assertThat(report.path("ok").asBoolean()).as("reconciliation %s", report).isTrue();
        return report;
    }
}
