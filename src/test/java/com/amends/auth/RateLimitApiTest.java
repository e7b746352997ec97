package com.amends.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.Api;
import com.amends.testing.Checkout;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-key rate limits with realistic settings, on servers of their own (the shared servers' limits
 * are out of reach): storefront keys 2 a second in bursts of 5, expensive reads 1 a second in
 * bursts of 3. Each test makes keys of its own, so their buckets are theirs.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class RateLimitApiTest extends OwnServerFixture {
    private static final int STOREFRONT_BURST = 5;
    private static final int EXPENSIVE_BURST = 3;

    @BeforeEach
    void limits() {
        server.setting("rateLimits.storefront.perSecond", "2").setting("rateLimits.storefront.burst", "5")
                .setting("rateLimits.expensiveReads.perSecond", "1").setting("rateLimits.expensiveReads.burst", "3");
    }

    @Test
    void aStorefrontKey_ShouldBeRefusedPastItsBurst_WithRetryAfterAndItsState_WhileAnotherKeyIsNot() {
        Api checkout = newKey("checkout-a", "storefront");
        Api other = newKey("checkout-b", "storefront");

        for (int left = STOREFRONT_BURST - 1; left >= 0; left--) {
            Reply reply = checkout.get("/v1/me");
            reply.expect(200);
            assertThat(reply.header("RateLimit-Limit")).isEqualTo(String.valueOf(STOREFRONT_BURST));
            assertThat(reply.header("RateLimit-Remaining")).isEqualTo(String.valueOf(left));
        }
        Reply refused = checkout.get("/v1/me");

        JsonNode problem = refused.expectProblem(429, "rate_limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isEqualTo(1); // half a second at 2 a second, rounded up
        assertThat(problem.path("retry_after_seconds").asLong()).isEqualTo(1);
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).isEqualTo(3); // 5 tokens at 2 a second
        Reply unaffected = other.get("/v1/me");
        unaffected.expect(200);
        assertThat(unaffected.header("RateLimit-Remaining")).isEqualTo(String.valueOf(STOREFRONT_BURST - 1));
    }

    @Test
    void aKeyPastItsLimit_ShouldRecoverAsTheClockMoves() {
        Api checkout = newKey("checkout-recovering", "storefront");
        drain(checkout);
        Reply refused = checkout.get("/v1/me");
        refused.expectProblem(429, "rate_limited");

        server.clock().advance(Duration.ofSeconds(Long.parseLong(refused.header("Retry-After"))));
        checkout.get("/v1/me").expect(200);

        server.clock().advance(Duration.ofSeconds(Long.parseLong(refused.header("RateLimit-Reset"))));
        Reply whole = checkout.get("/v1/me");
        whole.expect(200);
        assertThat(whole.header("RateLimit-Remaining")).as("the whole burst is back").isEqualTo(
                String.valueOf(STOREFRONT_BURST - 1));
    }

    @Test
    void aRefusedRedemption_ShouldChangeNothing_AndItsRetryShouldRunOnce() {
        String customer = "rate-" + UUID.randomUUID();
        String code = new Checkout(server).amountVoucher(customer, 1000);
        Api checkout = newKey("checkout-redeeming", "storefront");
        drain(checkout);
        Map<String, Object> body = Map.of("order_ref", "order-rate", "amount", Checkout.eur(300));
        String idempotencyKey = UUID.randomUUID().toString();

        checkout.post("/v1/vouchers/" + code + "/redemptions", body, idempotencyKey).expectProblem(429, "rate_limited");

        JsonNode voucher = server.as(Role.STOREFRONT).get("/v1/vouchers/" + code).expect(200);
        assertThat(voucher.path("remaining").path("amount").asLong()).isEqualTo(1000);
        long redemptions = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM redemptions")
                .mapTo(Long.class).one());
        assertThat(redemptions).isZero();

        server.clock().advance(Duration.ofSeconds(1)); // two more requests
        Reply retried = checkout.post("/v1/vouchers/" + code + "/redemptions", body, idempotencyKey);
        retried.expect(201);
        assertThat(retried.header("Idempotent-Replayed")).as("the refusal was not kept as the key's answer").isNull();
        Reply again = checkout.post("/v1/vouchers/" + code + "/redemptions", body, idempotencyKey);
        again.expect(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        JsonNode after = server.as(Role.STOREFRONT).get("/v1/vouchers/" + code).expect(200);
        assertThat(after.path("remaining").path("amount").asLong()).isEqualTo(700);
    }

    @Test
    void expensiveReads_ShouldHaveALowerLimitOfTheirOwn() {
        Api finance = newKey("finance-reports", "finance");

        for (int i = 0; i < EXPENSIVE_BURST; i++) {
            Reply report = finance.get("/v1/reports/reconciliation");
            report.expect(200);
            assertThat(report.header("RateLimit-Limit")).isEqualTo(String.valueOf(EXPENSIVE_BURST));
        }
        finance.get("/v1/reports/liability").expectProblem(429, "rate_limited");
        finance.get("/v1/audit-events").expectProblem(429, "rate_limited");
        finance.raw("GET", "/v1/reports/journal?from=2026-11-01&to=2026-11-02", null, null, "Accept", "text/csv")
                .expectProblem(429, "rate_limited");

        Reply ordinary = finance.get("/v1/grants?customer_id=nobody");
        ordinary.expect(200);
        assertThat(ordinary.header("RateLimit-Limit")).as("ordinary reads count in the role's limit")
                .isNotEqualTo(String.valueOf(EXPENSIVE_BURST));
    }

    @Test
    void aKeysOwnLimit_ShouldOverrideItsRoles() {
        JsonNode created = server.as(Role.ADMIN).post("/v1/api-keys", Map.of("name", "slow-agent", "role", "agent",
                "rate_limit", Map.of("per_second", 1, "burst", 2)), null).expect(201);
        assertThat(created.path("rate_limit").path("per_second").asInt()).isEqualTo(1);
        assertThat(created.path("rate_limit").path("burst").asInt()).isEqualTo(2);
        Api agent = server.withSecret(created.path("secret").asText());

        agent.get("/v1/reason-codes").expect(200);
        Reply last = agent.get("/v1/reason-codes");
        last.expect(200);
        assertThat(last.header("RateLimit-Limit")).isEqualTo("2");
        agent.get("/v1/reason-codes").expectProblem(429, "rate_limited");

        server.as(Role.ADMIN).post("/v1/api-keys", Map.of("name", "x", "role", "agent",
                "rate_limit", Map.of("per_second", 0, "burst", 2)), null).expectProblem(422, "validation_failed");
    }

    @Test
    void everyAuthenticatedAnswer_ShouldTellTheLimit_AndNoAnswerShouldBeStored() {
        Api checkout = newKey("checkout-headers", "storefront");
        for (Reply reply : new Reply[] {checkout.get("/v1/me"), checkout.get("/v1/api-keys"),
                checkout.get("/v1/redemptions/red_nope")}) {
            assertThat(reply.header("RateLimit-Limit")).as("%s", reply.text()).isEqualTo(String.valueOf(STOREFRONT_BURST));
            assertThat(reply.header("RateLimit-Remaining")).isNotNull();
            assertThat(reply.header("RateLimit-Reset")).isNotNull();
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        Reply unauthenticated = server.withSecret("sk_nope").get("/v1/me");
        unauthenticated.expectProblem(401, "unauthorized");
        assertThat(unauthenticated.header("RateLimit-Limit")).isNull();
        assertThat(unauthenticated.header("Cache-Control")).isEqualTo("no-store");
        assertThat(unauthenticated.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    private Api newKey(String name, String role) {
        JsonNode key = server.as(Role.ADMIN).post("/v1/api-keys", Map.of("name", name, "role", role), null).expect(201);
        return server.withSecret(key.path("secret").asText());
    }

    private static void drain(Api api) {
        for (int i = 0; i < STOREFRONT_BURST; i++) {
            api.get("/v1/me").expect(200);
        }
    }
}
