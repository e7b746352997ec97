package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Servers;
import com.amends.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every failure leaves in the problem shape, whichever layer refused it. */
@Tag("http")
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
        String big = "{\"note\":\"" + "x".repeat(3_000_000) + "\"}";
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
    void shouldAnswerProblems_ForRequestsJettyRefusesBeforeTheApplication() throws Exception {
        assertThat(rawHttp("GET /v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 400").contains("application/problem+json").contains("\"code\":\"bad_request\"")
                .containsIgnoringCase("Cache-Control: no-store").containsIgnoringCase("X-Content-Type-Options: nosniff");
        assertThat(rawHttp("GET /v1/grants HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431").contains("\"code\":\"request_headers_too_large\"")
                .containsIgnoringCase("Cache-Control: no-store").containsIgnoringCase("X-Content-Type-Options: nosniff");
    }

    @Test
    void shouldReportDatabaseHealthAndRequestMetricsOnTheAdminPort() {
        Api admin = server.adminPort();
        assertThat(admin.get("/healthcheck").json().path("database").path("healthy").asBoolean()).isTrue();
        assertThat(admin.get("/metrics").json().path("timers").has("io.dropwizard.jetty.MutableServletContextHandler.requests"))
                .isTrue();
    }

    @Test
    void shouldNotTakeAClientThatHangsUpMidBodyForAServerError() throws Exception {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ProblemMapper.class)).addAppender(log);
        long clientErrors = answered("4xx");
        long serverErrors = answered("5xx");
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("POST /v1/grants HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + server.secret(Role.AGENT) + "\r\nContent-Type: application/json\r\nIdempotency-Key: hang-up-"
                    + java.util.UUID.randomUUID() + "\r\nContent-Length: 5000\r\n\r\n{\"customer_id\": \"cu")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            Thread.sleep(300); // the server is reading the body when the client goes
        }
        for (int waited = 0; answered("4xx") == clientErrors && waited < 100; waited++) {
            Thread.sleep(100); // the server notices the hang-up when its read fails
        }
        assertThat(answered("4xx")).as("the request is counted as the client's failure").isEqualTo(clientErrors + 1);
        assertThat(answered("5xx")).isEqualTo(serverErrors);
        assertThat(log.list).as("nothing worth a warning").noneMatch(event ->
                event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN));
    }

    /** How many answers of a class (4xx, 5xx) the server has counted, as its metrics show them. */
    private long answered(String statusClass) {
        return server.adminPort().get("/metrics").json().path("meters")
                .path("io.dropwizard.jetty.MutableServletContextHandler." + statusClass + "-responses").path("count")
                .asLong();
    }

    private String rawHttp(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.setSoTimeout(5_000);
            byte[] answer = socket.getInputStream().readNBytes(2_000);
            return new String(answer, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("no answer", e);
        }
    }

    @Test
    void shouldServeTheOpenApiDocumentWithoutAKey() {
        Api anonymous = server.withSecret(null);
        assertThat(anonymous.get("/openapi.json").expect(200).path("openapi").asText()).startsWith("3.");
        assertThat(anonymous.get("/openapi.yaml").text()).contains("/v1/grants");
    }
}
