package com.amends.ledger;

import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Books;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Reconciliation finds books that were changed behind the ledger's back. Each run tampers with a server of its own. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class ReconciliationApiTest extends OwnServerFixture {
    @Test
    void shouldReportEachKindOfMismatch_WhenTheTablesAreEditedDirectly() {
        String customer = newCustomer();
        String grant = server.as(Role.AGENT).post("/v1/grants", pointsGrant(customer, 300)).expect(201).path("id").asText();
        JsonNode clean = Books.assertReconciled(server);
        assertThat(clean.path("entries_checked").asLong()).isPositive();

        server.jdbi().useHandle(h -> {
            h.execute("UPDATE accounts SET balance = balance + 7 WHERE id = ?", "points:" + customer);
            h.execute("UPDATE postings SET amount = amount + 1 WHERE account_id = ?", "goodwill:SHIPPING_DELAY");
        });

        JsonNode report = server.as(Role.ADMIN).get("/v1/reports/reconciliation").expect(200);
        assertThat(report.path("ok").asBoolean()).isFalse();
        JsonNode mismatch = report.path("balance_mismatches").get(0);
        assertThat(mismatch.path("account").asText()).isEqualTo("points:" + customer);
        assertThat(mismatch.path("stored_balance").asLong()).isEqualTo(307);
        assertThat(mismatch.path("posted_balance").asLong()).isEqualTo(300);
        assertThat(report.path("lot_mismatches").get(0).path("lots_remaining").asLong()).isEqualTo(300);
        assertThat(report.path("unbalanced_entries").get(0).path("total").asLong()).isEqualTo(1);
        assertThat(grant).isNotBlank();
        server.jdbi().useHandle(h -> { // the books as they were, for the other test of this server
            h.execute("UPDATE accounts SET balance = balance - 7 WHERE id = ?", "points:" + customer);
            h.execute("UPDATE postings SET amount = amount - 1 WHERE account_id = ?", "goodwill:SHIPPING_DELAY");
        });
    }

    @Test
    void shouldAnswerCsvLikeEveryReport_ARowPerFinding_AndOneRowWhenTheBooksBalance() {
        String customer = newCustomer();
        server.as(Role.AGENT).post("/v1/grants", pointsGrant(customer, 300)).expect(201);
        Books.assertReconciled(server);
        List<String> header = List.of("checked_at", "ok", "entries_checked", "postings_checked", "accounts_checked",
                "finding", "entry_id", "account", "customer_id", "unit", "expected", "found");

        Reply clean = server.as(Role.FINANCE).raw("GET", "/v1/reports/reconciliation", null, null, "Accept", "text/csv");

        assertThat(clean.status()).isEqualTo(200);
        assertThat(clean.contentType()).startsWith("text/csv");
        assertThat(clean.header("Content-Disposition")).contains("reconciliation.csv");
        List<List<String>> lines = lines(clean.text());
        assertThat(lines.get(0)).isEqualTo(header);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).get(1)).isEqualTo("true");
        assertThat(Long.parseLong(lines.get(1).get(2))).isPositive();
        assertThat(lines.get(1).get(5)).isEmpty();

        server.jdbi().useHandle(h -> h.execute("UPDATE accounts SET balance = balance + 7 WHERE id = ?",
                "points:" + customer));
        Reply dirty = server.as(Role.ADMIN).raw("GET", "/v1/reports/reconciliation", null, null,
                "Accept", "text/csv, application/json;q=0.5");

        List<List<String>> findings = lines(dirty.text()).subList(1, lines(dirty.text()).size());
        assertThat(findings).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("false"));
        assertThat(findings).anySatisfy(row -> assertThat(row.subList(5, 12))
                .containsExactly("balance_mismatch", "", "points:" + customer, "", "points", "300", "307"));
        assertThat(findings).anySatisfy(row -> assertThat(row.subList(5, 12))
                .containsExactly("lot_mismatch", "", "points:" + customer, customer, "points", "307", "300"));
        assertThat(server.as(Role.FINANCE).get("/v1/reports/reconciliation").contentType()).startsWith("application/json");
        server.jdbi().useHandle(h -> h.execute("UPDATE accounts SET balance = balance - 7 WHERE id = ?",
                "points:" + customer));
    }

    /** The report's cells hold no commas or quotes: ids, numbers and names. */
    private static List<List<String>> lines(String csv) {
        return Arrays.stream(csv.split("\r\n")).map(line -> Arrays.asList(line.split(",", -1))).toList();
    }

    @Test
    void shouldBeForFinanceAndAdminOnly() {
        server.as(Role.AGENT).get("/v1/reports/reconciliation").expectProblem(403, "forbidden");
        server.as(Role.STOREFRONT).get("/v1/reports/reconciliation").expectProblem(403, "forbidden");
        server.as(Role.SUPERVISOR).get("/v1/reports/reconciliation").expectProblem(403, "forbidden");
    }
}
