package com.amends.ledger;

import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Books;
import com.amends.testing.OwnServerFixture;
import com.fasterxml.jackson.databind.JsonNode;
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
    }

    @Test
    void shouldBeForFinanceAndAdminOnly() {
        server.as(Role.AGENT).get("/v1/reports/reconciliation").expectProblem(403, "forbidden");
        server.as(Role.STOREFRONT).get("/v1/reports/reconciliation").expectProblem(403, "forbidden");
        server.as(Role.SUPERVISOR).get("/v1/reports/reconciliation").expectProblem(403, "forbidden");
    }
}
