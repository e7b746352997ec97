package com.amends.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The running server, through the JDK's HTTP client, as a shop's checkout would call it. */
public final class HttpTarget implements Target {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Keys keys;

    /** One secret per role the benchmark uses. */
    public record Keys(String admin, String agent, String supervisor, String storefront) {}

    public HttpTarget(int port, Keys keys) {
        this.base = "http://127.0.0.1:" + port;
        this.keys = keys;
    }

    /** The HTTP ceiling: the cheapest authenticated request, which reads no table. */
    public Outcome me() throws Exception {
        return outcome(get("/v1/me", keys.storefront()));
    }

    @Override
    public Outcome validate(String code) throws Exception {
        return outcome(get("/v1/vouchers/" + code, keys.storefront()));
    }

    @Override
    public Outcome redeemPoints(String customerId, long points) throws Exception {
        return outcome(post("/v1/customers/" + customerId + "/points/redemptions", keys.storefront(),
                Map.of("order_ref", "order-" + UUID.randomUUID(), "points", points)));
    }

    @Override
    public Outcome redeemVoucher(String code, long cents) throws Exception {
        return outcome(post("/v1/vouchers/" + code + "/redemptions", keys.storefront(),
                Map.of("order_ref", "order-" + UUID.randomUUID(), "amount", Map.of("amount", cents, "currency", "EUR"))));
    }

    @Override
    public Outcome grantPoints(String customerId, String agentId, long points) throws Exception {
        return outcome(post("/v1/grants", keys.agent(), grant(customerId, agentId, points)));
    }

    public Outcome wallet(String customerId) throws Exception {
        return outcome(get("/v1/customers/" + customerId, keys.agent()));
    }

    public Outcome ledgerPage(String customerId) throws Exception {
        return outcome(get("/v1/customers/" + customerId + "/ledger", keys.agent()));
    }

    static Map<String, Object> grant(String customerId, String agentId, long points) {
        return Map.of("customer_id", customerId, "agent_id", agentId, "reason_code", "SHIPPING_DELAY",
                "case_ref", "ZD-" + UUID.randomUUID(), "channel", "email", "points", points);
    }

    /** A POST with a new Idempotency-Key, answered with 2xx or else thrown. */
    public JsonNode create(String path, String secret, Object body) throws Exception {
        HttpResponse<String> answer = post(path, secret, body);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    /** A PATCH, answered with 2xx or else thrown. */
    public JsonNode patch(String path, String secret, Object body) throws Exception {
        HttpRequest request = request(path, secret).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("PATCH " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    HttpResponse<String> get(String path, String secret) throws IOException, InterruptedException {
        return client.send(request(path, secret).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String secret, Object body) throws IOException, InterruptedException {
        HttpRequest request = request(path, secret).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String secret) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + secret);
    }

    private static Outcome outcome(HttpResponse<String> answer) throws IOException {
        if (answer.statusCode() / 100 == 2) {
            return Outcome.OK;
        }
        String code = answer.statusCode() == 422 ? JSON.readTree(answer.body()).path("code").asText(null) : null;
        return Outcome.refusal(code, answer.statusCode() + " " + answer.body());
    }
}
