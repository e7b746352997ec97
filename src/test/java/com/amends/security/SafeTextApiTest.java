package com.amends.security;

import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Books;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Free text (notes, case references, order references, names) may hold anything a person can
 * type, SQL and markup included: it is stored and answered back exactly, and never runs.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class SafeTextApiTest {
    @Parameter
    TestServer server;

    @Test
    void sqlAndScriptInFreeText_ShouldBeStoredAndAnsweredVerbatim() {
        for (String text : HostileRequests.INJECTIONS) {
            String customer = newCustomer();
            String note = text + " – 客户 😀";
            JsonNode grant = server.as(Role.AGENT).post("/v1/grants",
                    with(with(pointsGrant(customer, 300), "note", note), "case_ref", text)).expect(201);

            JsonNode read = server.as(Role.FINANCE).get("/v1/grants/" + grant.path("id").asText()).expect(200);
            assertThat(read.path("note").asText()).isEqualTo(note);
            assertThat(read.path("case_ref").asText()).isEqualTo(text);
            JsonNode redemption = server.as(Role.STOREFRONT).post("/v1/customers/" + customer + "/points/redemptions",
                    Map.of("order_ref", text, "points", 100)).expect(201);
            assertThat(redemption.path("order_ref").asText()).isEqualTo(text);
            assertThat(server.as(Role.AGENT).get("/v1/customers/" + customer).expect(200)
                    .path("points").path("available").asLong()).isEqualTo(200);
        }
        Books.assertReconciled(server);
    }
}
