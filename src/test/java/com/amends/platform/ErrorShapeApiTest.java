package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Servers;
import com.amends.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Every failure leaves in the problem shape, whichever layer refused it. */
class ErrorShapeApiTest {
    private final TestServer server = Servers.h2();
    private final Api agent = server.as(Role.AGENT);

    @Test
    void shouldAnswerProblems_ForUnknownPathsMethodsAndMediaTypes() {
        agent.get("/v1/nothing-here").expectProblem(404, "not_found");
        agent.get("/nothing").expectProblem(404, "not_found");
        assertThat(agent.raw("PUT", "/v1/grants", "application/json", "{}").expectProblem(405, "method_not_allowed"))
                .isNotNull();
        agent.raw("POST", "/v1/grants", "text/plain", "hello", "Idempotency-Key", "k").expectProblem(415, "unsupported_media_type");
        agent.raw("GET", "/v1/reason-codes", null, null, "Accept", "application/xml").expectProblem(406, "not_acceptable");
    }

    @Test
    void shouldRefuseBodiesOverTheLimit_BeforeReadingThem() {
        String big = "{\"note\":\"" + "x".repeat(200_000) + "\"}";
        agent.raw("POST", "/v1/grants", "application/json", big, "Idempotency-Key", "big").expectProblem(413, "payload_too_large");
    }

    @Test
    void shouldRefuseMalformedJsonAndWrongShapes() {
        agent.raw("POST", "/v1/grants", "application/json", "{", "Idempotency-Key", "m1").expectProblem(400, "malformed_json");
        agent.raw("POST", "/v1/grants", "application/json", "[]", "Idempotency-Key", "m2").expectProblem(400, "malformed_json");
        agent.raw("POST", "/v1/grants", "application/json", "", "Idempotency-Key", "m3").expectProblem(422, "validation_failed");
        agent.raw("POST", "/v1/grants", "application/json", "{} {}", "Idempotency-Key", "m4").expectProblem(400, "malformed_json");
        agent.raw("POST", "/v1/grants", "application/json", "{\"points\": 99999999999999999999999}", "Idempotency-Key", "m5")
                .expectProblem(422, "validation_failed");
    }

    @Test
    void shouldServeTheOpenApiDocumentWithoutAKey() {
        Api anonymous = server.withSecret(null);
        assertThat(anonymous.get("/openapi.json").expect(200).path("openapi").asText()).startsWith("3.");
        assertThat(anonymous.get("/openapi.yaml").text()).contains("/v1/grants");
    }
}
