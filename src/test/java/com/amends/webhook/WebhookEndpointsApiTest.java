package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class WebhookEndpointsApiTest {
    @Parameter
    TestServer server;

    Api admin;

    @BeforeEach
    void setUp() {
        admin = server.as(Role.ADMIN);
    }

    /** Endpoints left on a shared server would be sent every other test's events. */
    @AfterEach
    void removeEndpoints() {
        server.jdbi().useHandle(h -> {
            h.execute("DELETE FROM webhook_deliveries");
            h.execute("DELETE FROM webhook_endpoints");
        });
    }

    static Map<String, Object> endpoint(String url) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("description", "CRM");
        body.put("event_types", List.of("grant.issued", "voucher.redeemed"));
        return body;
    }

    int endpointCount() {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_endpoints")
                .mapTo(Integer.class).one());
    }

    @Test
    void shouldShowTheSecretOnlyInTheAnswerThatCreatesIt() {
        JsonNode created = admin.post("/v1/webhook-endpoints", endpoint("https://crm.example.com/hooks")).expect(201);
        String id = created.path("id").asText();
        String secret = created.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(WebhookSignature.isValidSecret(secret)).isTrue();
        assertThat(created.path("event_types")).hasSize(2);
        assertThat(created.path("enabled").asBoolean()).isTrue();

        String got = admin.get("/v1/webhook-endpoints/" + id).expect(200).toString();
        String listed = admin.get("/v1/webhook-endpoints?limit=100").expect(200).toString();
        String patched = admin.patch("/v1/webhook-endpoints/" + id, Map.of("description", "CRM (new)")).expect(200)
                .toString();
        assertThat(List.of(got, listed, patched)).allSatisfy(text -> assertThat(text)
                .contains(id).doesNotContain(secret).doesNotContain("whsec_"));
        String audit = server.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COALESCE(after_state, '') || COALESCE(before_state, '') FROM audit_events WHERE target_id = :id")
                .bind("id", id).mapTo(String.class).list()).toString();
        assertThat(audit).contains(id).doesNotContain("whsec_");
    }

    @Test
    void shouldChangeAndDeleteAnEndpoint() {
        String id = admin.post("/v1/webhook-endpoints", endpoint("https://crm.example.com/a")).expect(201)
                .path("id").asText();
        JsonNode patched = admin.patch("/v1/webhook-endpoints/" + id,
                Map.of("enabled", false, "event_types", List.of())).expect(200);
        assertThat(patched.path("enabled").asBoolean()).isFalse();
        assertThat(patched.path("event_types")).isEmpty();
        assertThat(admin.delete("/v1/webhook-endpoints/" + id).expect(200).path("id").asText()).isEqualTo(id);
        admin.get("/v1/webhook-endpoints/" + id).expectProblem(404, "webhook_endpoint_not_found");
        admin.delete("/v1/webhook-endpoints/" + id).expectProblem(404, "webhook_endpoint_not_found");
        JsonNode recorded = admin.get("/v1/audit-events?action=deleteWebhookEndpoint&target_id=" + id).expect(200)
                .path("data").get(0);
        assertThat(recorded.path("before").path("enabled").asBoolean()).isFalse();
        assertThat(recorded.path("after").isNull()).as("nothing is left after a deletion").isTrue();
    }

    @Test
    void shouldPageThroughEndpointsNewestFirst() {
        String first = admin.post("/v1/webhook-endpoints", endpoint("https://a.example.com/")).expect(201).path("id").asText();
        String second = admin.post("/v1/webhook-endpoints", endpoint("https://b.example.com/")).expect(201).path("id").asText();
        JsonNode page = admin.get("/v1/webhook-endpoints?limit=1").expect(200);
        assertThat(page.path("data").get(0).path("id").asText()).isEqualTo(second);
        JsonNode next = admin.get("/v1/webhook-endpoints?limit=1&cursor=" + page.path("next_cursor").asText()).expect(200);
        assertThat(next.path("data").get(0).path("id").asText()).isEqualTo(first);
    }

    @Test
    void shouldRefuseUrlsThatAreNotHttp_StoringNothing() {
        int before = endpointCount();
        for (String url : List.of("ftp://example.com/hooks", "file:///etc/passwd", "javascript:alert(1)", "example.com",
                "http://user:pw@example.com/")) {
            JsonNode problem = admin.post("/v1/webhook-endpoints", endpoint(url)).expectProblem(422, "validation_failed");
            assertThat(problem.path("errors").get(0).path("field").asText()).as(url).isEqualTo("url");
        }
        assertThat(endpointCount()).isEqualTo(before);
    }

    @Test
    void shouldRefuseUnknownEventTypes_NamingTheCatalogue() {
        int before = endpointCount();
        Map<String, Object> body = endpoint("https://crm.example.com/");
        body.put("event_types", List.of("grant.issued", "grant.exploded"));
        JsonNode problem = admin.post("/v1/webhook-endpoints", body).expectProblem(422, "validation_failed");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("event_types");
        assertThat(problem.path("errors").get(0).path("message").asText())
                .contains("grant.exploded").contains("voucher.expiring_soon");
        assertThat(endpointCount()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAHugeDescription() {
        int before = endpointCount();
        Map<String, Object> body = endpoint("https://crm.example.com/");
        body.put("description", "x".repeat(501));
        JsonNode problem = admin.post("/v1/webhook-endpoints", body).expectProblem(422, "validation_failed");
        assertThat(problem.toString()).contains("description");
        assertThat(endpointCount()).isEqualTo(before);
    }

    @Test
    void shouldBeForAdminsOnly() {
        for (Role role : List.of(Role.AGENT, Role.SUPERVISOR, Role.FINANCE, Role.STOREFRONT)) {
            server.as(role).get("/v1/webhook-endpoints").expectProblem(403, "forbidden");
            server.as(role).post("/v1/webhook-endpoints", endpoint("https://crm.example.com/"))
                    .expectProblem(403, "forbidden");
        }
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownEventToRedeliver() {
        admin.post("/v1/events/evt_NOPE/redeliver", Map.of()).expectProblem(404, "event_not_found");
    }
}
