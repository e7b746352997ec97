package com.amends.redemption;

import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static com.amends.testing.Checkout.eur;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Books;
import com.amends.testing.CheckoutFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The corners of checkout where value could come back to life, or input could break the server. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class CheckoutEdgeCasesApiTest extends CheckoutFixture {
    @Test
    void shouldNotBringRevokedPointsBack_WhenAHoldIsReleasedAfterTheRevocation() {
        String grant = checkout.points(customer, 500, Duration.ofDays(30)).path("id").asText();
        String hold = shop.post("/v1/holds", Map.of("order_ref", "o", "customer_id", customer, "points", 300))
                .expect(201).path("id").asText();
        server.as(Role.SUPERVISOR).post("/v1/grants/" + grant + "/revoke", Map.of("reason", "wrong customer")).expect(200);

        shop.post("/v1/holds/" + hold + "/release", Map.of()).expect(200);

        assertThat(checkout.available(customer)).isZero();
        Books.assertReconciled(server);
    }

    @Test
    void shouldNotBringRevokedPointsBack_WhenARedemptionIsRefundedAfterTheRevocation() {
        String grant = checkout.points(customer, 500, Duration.ofDays(30)).path("id").asText();
        String redemption = checkout.redeemPoints(customer, 200).path("id").asText();
        server.as(Role.SUPERVISOR).post("/v1/grants/" + grant + "/revoke", Map.of("reason", "fraud")).expect(200);

        JsonNode reversed = shop.post("/v1/redemptions/" + redemption + "/reversals", Map.of()).expect(201);

        assertThat(reversed.path("points_reversed").asLong()).isEqualTo(200);
        assertThat(checkout.available(customer)).isZero();
        Books.assertReconciled(server);
    }

    @Test
    void shouldRefusePoints_ToACustomerWhoOnlyHasVouchers() {
        checkout.amountVoucher(customer, 500);
        Books before = Books.of(server);
        shop.post("/v1/customers/" + customer + "/points/redemptions", Map.of("order_ref", "o", "points", 1))
                .expectProblem(422, "insufficient_points");
        shop.post("/v1/holds", Map.of("order_ref", "o", "customer_id", customer, "points", 1))
                .expectProblem(422, "insufficient_points");
        assertThat(Books.of(server)).isEqualTo(before);
    }

    @Test
    void shouldRefuseHugeOrderTotals_AndDiscountsOfNothing() {
        String code = checkout.percentVoucher(customer, 20, 1000);
        shop.get("/v1/vouchers/" + code + "?order_total=9223372036854775807&currency=EUR")
                .expectProblem(422, "validation_failed");
        shop.post("/v1/vouchers/" + code + "/redemptions", Map.of("order_ref", "o",
                "order_total", Map.of("amount", Long.MAX_VALUE, "currency", "EUR"))).expectProblem(422, "validation_failed");
        shop.post("/v1/vouchers/" + code + "/redemptions", Map.of("order_ref", "o", "order_total", eur(4)))
                .expectProblem(422, "validation_failed");
        assertThat(checkout.voucher(code).path("usable").asBoolean()).isTrue();
    }

    @Test
    void shouldCaptureOnlyLivePoints_WhenALotExpiresDuringTheHold() {
        checkout.points(customer, 100, Duration.ofMinutes(30));
        checkout.points(customer, 100, Duration.ofDays(30));
        String hold = shop.post("/v1/holds", Map.of("order_ref", "o", "customer_id", customer, "points", 200,
                "ttl_seconds", 7200)).expect(201).path("id").asText();
        server.clock().advance(Duration.ofHours(1));

        shop.post("/v1/holds/" + hold + "/capture", Map.of("points", 150)).expectProblem(422, "capture_exceeds_hold");
        JsonNode captured = shop.post("/v1/holds/" + hold + "/capture", Map.of("points", 100)).expect(200);

        JsonNode redemption = shop.get("/v1/redemptions/" + captured.path("redemption_id").asText()).expect(200);
        assertThat(redemption.path("lots")).hasSize(1);
        assertThat(checkout.available(customer)).isZero();
        Books.assertReconciled(server);
    }

    @Test
    void shouldBookExpiredPointsAsExpired_WhenTheirGrantIsRevokedLater() {
        String grant = checkout.points(customer, 100, Duration.ofDays(1)).path("id").asText();
        server.clock().advance(Duration.ofDays(2));

        JsonNode revoked = server.as(Role.SUPERVISOR).post("/v1/grants/" + grant + "/revoke", Map.of("reason", "x"))
                .expect(200);

        assertThat(revoked.path("revocation").path("points").asLong()).isZero();
        Books.assertReconciled(server);
    }

    @Test
    void shouldRefuseAnExpiryYearsAway() {
        server.as(Role.AGENT).post("/v1/grants", with(pointsGrant(customer, 5), "expires_at", "+1000000000-01-01T00:00:00Z"))
                .expectProblem(422, "validation_failed");
        server.as(Role.AGENT).post("/v1/grants", with(pointsGrant(customer, 5), "expires_at",
                server.clock().instant().plus(Duration.ofDays(4000)).toString())).expectProblem(422, "validation_failed");
    }

    @Test
    void shouldLetARetryRunAgain_AfterBeingToldToWait() {
        String secret = server.as(Role.ADMIN).post("/v1/api-keys", Map.of("name", "limited", "role", "storefront"), null)
                .expect(201).path("secret").asText();
        Api limited = server.withSecret(secret);
        String code = checkout.amountVoucher(customer, 1000);
        for (int i = 0; i < 5; i++) {
            limited.get("/v1/vouchers/not-a-code").expectProblem(422, "voucher_code_mistyped");
        }
        Map<String, Object> body = Map.of("order_ref", "o", "amount", eur(100));
        limited.post("/v1/vouchers/" + code + "/redemptions", body, "wait-" + customer)
                .expectProblem(429, "too_many_failed_lookups");

        server.clock().advance(Duration.ofSeconds(6));

        limited.post("/v1/vouchers/" + code + "/redemptions", body, "wait-" + customer).expect(201);
    }
}
