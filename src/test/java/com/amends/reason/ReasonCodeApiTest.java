package com.amends.reason;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class ReasonCodeApiTest {
    @Parameter
    TestServer server;

    Api admin;
    String code;

    @BeforeEach
    void setUp() {
        admin = server.as(Role.ADMIN);
        code = "TEST_" + Long.toString(System.nanoTime(), 36).toUpperCase();
    }

    @Test
    void shouldShipTheDefaultCatalogue_ReadableByEveryRole() {
        for (Role role : Role.values()) {
            JsonNode shipping = server.as(role).get("/v1/reason-codes/SHIPPING_DELAY").expect(200);
            assertThat(shipping.path("category").asText()).isEqualTo("shipping");
            assertThat(shipping.path("suggested_reward").path("points").asLong()).isEqualTo(500);
        }
        List<String> codes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = admin.get("/v1/reason-codes?active=true&limit=3" + (cursor == null ? "" : "&cursor=" + cursor))
                    .expect(200);
            page.path("data").forEach(r -> codes.add(r.path("code").asText()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);
        assertThat(codes).contains("SHIPPING_DELAY", "DAMAGED_ITEM", "WRONG_ITEM", "MISSING_ITEM", "BILLING_ERROR",
                "SERVICE_FAILURE", "PROACTIVE_APOLOGY").isSorted();
    }

    @Test
    void shouldCreateAndChangeACode_AndRefuseADuplicate() {
        JsonNode created = admin.post("/v1/reason-codes", Map.of("code", code, "name", "Refund took too long",
                "category", "billing", "suggested_reward", Map.of("points", 250), "default_validity_days", 90), null)
                .expect(201);
        assertThat(created.path("active").asBoolean()).isTrue();
        admin.post("/v1/reason-codes", Map.of("code", code, "name", "Again", "category", "billing",
                "default_validity_days", 90), null).expectProblem(409, "reason_code_exists");

        JsonNode changed = admin.patch("/v1/reason-codes/" + code, Map.of("default_validity_days", 30,
                "suggested_reward", Map.of("voucher", Map.of("type", "amount",
                        "value", Map.of("amount", 500, "currency", "GBP"))))).expect(200);

        assertThat(changed.path("default_validity_days").asInt()).isEqualTo(30);
        assertThat(changed.path("name").asText()).isEqualTo("Refund took too long");
        assertThat(changed.path("suggested_reward").path("voucher").path("value").path("currency").asText()).isEqualTo("GBP");
        assertThat(changed.path("suggested_reward").has("points")).isFalse();
    }

    @Test
    void shouldRefuseBadCodes_AndRolesOtherThanAdmin() {
        admin.post("/v1/reason-codes", Map.of("code", "lower", "name", "x", "category", "billing",
                "default_validity_days", 9), null).expectProblem(422, "validation_failed");
        admin.post("/v1/reason-codes", Map.of("code", code, "name", "x", "category", "billing",
                "default_validity_days", 0), null).expectProblem(422, "validation_failed");
        admin.post("/v1/reason-codes", Map.of("code", code, "name", "x", "category", "billing", "default_validity_days", 9,
                "suggested_reward", Map.of("points", 5, "voucher", Map.of("type", "percent", "percent_off", 5))), null)
                .expectProblem(422, "validation_failed");
        admin.patch("/v1/reason-codes/NO_SUCH_CODE", Map.of("active", false)).expectProblem(404, "reason_code_not_found");
        admin.get("/v1/reason-codes/NO_SUCH_CODE").expectProblem(404, "reason_code_not_found");
        for (Role role : List.of(Role.AGENT, Role.SUPERVISOR, Role.STOREFRONT, Role.FINANCE)) {
            server.as(role).post("/v1/reason-codes", Map.of("code", code, "name", "x", "category", "billing",
                    "default_validity_days", 9), null).expectProblem(403, "forbidden");
            server.as(role).patch("/v1/reason-codes/SHIPPING_DELAY", Map.of("active", false)).expectProblem(403, "forbidden");
        }
        admin.get("/v1/reason-codes/" + code).expectProblem(404, "reason_code_not_found");
    }
}
