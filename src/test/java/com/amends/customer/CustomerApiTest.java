package com.amends.customer;

import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class CustomerApiTest {
    @Parameter
    TestServer server;

    @Test
    void shouldPageTheLedgerNewestFirst_WithTheBalanceAfterEachEntry() {
        Api agent = server.as(Role.AGENT);
        String customer = newCustomer();
        for (int i = 1; i <= 5; i++) {
            agent.post("/v1/grants", pointsGrant(customer, 100)).expect(201);
        }
        List<Long> balances = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = server.as(Role.FINANCE).get("/v1/customers/" + customer + "/ledger?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).expect(200);
            for (JsonNode entry : page.path("data")) {
                for (JsonNode posting : entry.path("postings")) {
                    if (posting.has("balance_after")) {
                        balances.add(posting.path("balance_after").asLong());
                    }
                }
            }
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);
        assertThat(balances).containsExactly(500L, 400L, 300L, 200L, 100L);
    }

    @Test
    void shouldRefuseUnknownCustomers_BadIds_AndOtherRoles() {
        Api agent = server.as(Role.AGENT);
        agent.get("/v1/customers/never-seen-" + System.nanoTime()).expectProblem(404, "customer_not_found");
        agent.get("/v1/customers/never-seen-" + System.nanoTime() + "/ledger").expectProblem(404, "customer_not_found");
        agent.get("/v1/customers/" + "x".repeat(65)).expectProblem(422, "validation_failed");
        agent.get("/v1/customers/a%20b").expectProblem(422, "validation_failed");
        String customer = newCustomer();
        agent.post("/v1/grants", pointsGrant(customer, 1)).expect(201);
        server.as(Role.STOREFRONT).get("/v1/customers/" + customer).expectProblem(403, "forbidden");
        server.as(Role.ADMIN).get("/v1/customers/" + customer).expectProblem(403, "forbidden");
        server.as(Role.SUPERVISOR).get("/v1/customers/" + customer).expect(200);
        server.as(Role.FINANCE).get("/v1/customers/" + customer).expect(200);
    }
}
