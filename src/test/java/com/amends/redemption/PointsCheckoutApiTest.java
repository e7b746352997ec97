package com.amends.redemption;

import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Books;
import com.amends.testing.Checkout;
import com.amends.testing.CheckoutFixture;
import com.amends.testing.Concurrently;
import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class PointsCheckoutApiTest extends CheckoutFixture {
    @Nested
    class Redeeming {
        @Test
        void shouldSpendTheLotsThatExpireSoonestFirst_AndSayWhatThePointsAreWorth() {
            JsonNode late = checkout.points(customer, 500, Duration.ofDays(300));
            JsonNode soon = checkout.points(customer, 200, Duration.ofDays(20));
            JsonNode middle = checkout.points(customer, 300, Duration.ofDays(100));

            JsonNode redemption = shop.post("/v1/customers/" + customer + "/points/redemptions",
                    Map.of("order_ref", "order-981", "points", 400, "currency", "EUR")).expect(201);

            assertThat(redemption.path("points").asLong()).isEqualTo(400);
            assertThat(redemption.path("value").path("amount").asLong()).isEqualTo(400); // 100 points = 1.00 EUR
            JsonNode lots = redemption.path("lots");
            assertThat(lots).hasSize(2);
            assertThat(lots.get(0).path("points").asLong()).isEqualTo(200);
            assertThat(lots.get(1).path("points").asLong()).isEqualTo(200);
            assertThat(lots.get(0).path("expires_at").asText()).isEqualTo(soon.path("expires_at").asText());
            assertThat(lots.get(1).path("expires_at").asText()).isEqualTo(middle.path("expires_at").asText());
            assertThat(checkout.available(customer)).isEqualTo(600);
            assertThat(late.path("id").asText()).isNotBlank();
            Books.assertReconciled(server);
        }

        @Test
        void shouldSpendAcrossMoreLotsThanOnePageOfThem_InExpiryOrder() {
            for (int day = 150; day >= 1; day--) {
                checkout.points(customer, 2, Duration.ofDays(day)); // made latest-expiring first
            }

            JsonNode redemption = shop.post("/v1/customers/" + customer + "/points/redemptions",
                    Map.of("order_ref", "order-many-lots", "points", 251, "currency", "EUR")).expect(201);

            JsonNode lots = redemption.path("lots");
            assertThat(lots).hasSize(126);
            for (int i = 1; i < lots.size(); i++) {
                assertThat(lots.get(i).path("expires_at").asText()).isGreaterThan(lots.get(i - 1).path("expires_at").asText());
            }
            assertThat(lots.get(125).path("points").asLong()).isEqualTo(1);
            assertThat(checkout.available(customer)).isEqualTo(49);
            shop.post("/v1/customers/" + customer + "/points/redemptions",
                    Map.of("order_ref", "order-rest", "points", 50, "currency", "EUR")).expectProblem(422, "insufficient_points");
            Books.assertReconciled(server);
        }

        @Test
        void shouldRefuseMoreThanTheCustomerHas_ChangingNothing() {
            checkout.points(customer, 100, Duration.ofDays(30));
            Books before = Books.of(server);

            JsonNode problem = shop.post("/v1/customers/" + customer + "/points/redemptions",
                    Map.of("order_ref", "o", "points", 101)).expectProblem(422, "insufficient_points");
            assertThat(problem.path("available_points").asLong()).isEqualTo(100);
            shop.post("/v1/customers/" + customer + "/points/redemptions",
                    Map.of("order_ref", "o", "points", 10, "currency", "JPY")).expectProblem(422, "currency_not_supported");
            shop.post("/v1/customers/" + customer + "/points/redemptions", Map.of("order_ref", "o", "points", 0))
                    .expectProblem(422, "validation_failed");
            shop.post("/v1/customers/nobody-" + System.nanoTime() + "/points/redemptions",
                    Map.of("order_ref", "o", "points", 1)).expectProblem(404, "customer_not_found");
            server.as(Role.AGENT).post("/v1/customers/" + customer + "/points/redemptions",
                    Map.of("order_ref", "o", "points", 1)).expectProblem(403, "forbidden");

            assertThat(Books.of(server)).isEqualTo(before);
        }

        @Test
        void shouldNotSpendExpiredPoints() {
            checkout.points(customer, 100, Duration.ofDays(1));
            checkout.points(customer, 50, Duration.ofDays(30));
            server.clock().advance(Duration.ofDays(2));

            assertThat(checkout.available(customer)).isEqualTo(50);
            shop.post("/v1/customers/" + customer + "/points/redemptions", Map.of("order_ref", "o", "points", 60))
                    .expectProblem(422, "insufficient_points");
            checkout.redeemPoints(customer, 50);
            Books.assertReconciled(server);
        }

        @Test
        void shouldLetExactlyTenOf64ConcurrentRedemptionsThrough_SpendingLotsInExpiryOrder() {
            checkout.points(customer, 400, Duration.ofDays(300));
            checkout.points(customer, 300, Duration.ofDays(10));
            checkout.points(customer, 300, Duration.ofDays(100));

            List<Reply> replies = Concurrently.run(64, i -> shop.post("/v1/customers/" + customer + "/points/redemptions",
                    Map.of("order_ref", "order-" + i, "points", 100)));

            List<JsonNode> made = replies.stream().filter(r -> r.status() == 201).map(Reply::json).toList();
            assertThat(made).hasSize(10);
            assertThat(replies.stream().filter(r -> r.status() != 201))
                    .allSatisfy(r -> r.expectProblem(422, "insufficient_points"));
            // Taken in the order they committed, redemptions spent lots in expiry order.
            List<Instant> spentFrom = new ArrayList<>();
            made.stream().sorted(Comparator.comparing(r -> r.path("id").asText()))
                    .forEach(r -> r.path("lots").forEach(l -> spentFrom.add(Instant.parse(l.path("expires_at").asText()))));
            assertThat(spentFrom).isSorted();
            assertThat(checkout.available(customer)).isZero();
            Books.assertReconciled(server);
        }

        @Test
        void shouldAnswerEveryOneOfManyConcurrentGrantsAndRedemptionsOnOneCustomer() {
            // A grant locks the customer, then the points account; a redemption the points account,
            // then refers to the customer. Both orders at once on one customer must not fail.
            checkout.points(customer, 10, Duration.ofDays(30));
            int rounds = 6;
            List<List<Reply>> byThread = Concurrently.run(32, i -> {
                List<Reply> mine = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    mine.add(i % 2 == 0
                            ? server.as(Role.AGENT).post("/v1/grants", with(pointsGrant(customer, 2), "agent_id", "agent-" + i))
                            : shop.post("/v1/customers/" + customer + "/points/redemptions",
                                    Map.of("order_ref", "order-" + i + "-" + round, "points", 1)));
                }
                return mine;
            });

            List<Reply> grants = new ArrayList<>();
            List<Reply> redemptions = new ArrayList<>();
            for (int i = 0; i < byThread.size(); i++) {
                (i % 2 == 0 ? grants : redemptions).addAll(byThread.get(i));
            }
            assertThat(grants).extracting(Reply::status).containsOnly(201);
            assertThat(redemptions).extracting(r -> r.status() == 201 ? "redeemed" : r.json().path("code").asText())
                    .isSubsetOf("redeemed", "insufficient_points");
            long redeemed = redemptions.stream().filter(r -> r.status() == 201).count();
            assertThat(checkout.available(customer)).isEqualTo(10 + 2L * 16 * rounds - redeemed);
            Books.assertReconciled(server);
        }
    }

    @Nested
    class Reversing {
        @Test
        void shouldGiveBackToTheSameLots_InPartAndInFull() {
            checkout.points(customer, 300, Duration.ofDays(10));
            checkout.points(customer, 300, Duration.ofDays(200));
            JsonNode redemption = checkout.redeemPoints(customer, 500);
            String id = redemption.path("id").asText();
            assertThat(checkout.available(customer)).isEqualTo(100);

            JsonNode partial = shop.post("/v1/redemptions/" + id + "/reversals", Map.of("points", 150)).expect(201);
            assertThat(partial.path("points_reversed").asLong()).isEqualTo(150);
            // The latest-expiring lot gets its points back first.
            JsonNode wallet = checkout.wallet(customer);
            assertThat(wallet.path("points").path("available").asLong()).isEqualTo(250);
            assertThat(wallet.path("points").path("expiring_soon").asLong()).isZero();

            Books before = Books.of(server);
            shop.post("/v1/redemptions/" + id + "/reversals", Map.of("points", 351)).expectProblem(422, "reversal_exceeds_redeemed");
            shop.post("/v1/redemptions/" + id + "/reversals", Map.of("amount", Checkout.eur(1)))
                    .expectProblem(422, "validation_failed");
            assertThat(Books.of(server)).isEqualTo(before);

            shop.post("/v1/redemptions/" + id + "/reversals", Map.of()).expect(201);
            assertThat(checkout.available(customer)).isEqualTo(600);
            assertThat(checkout.wallet(customer).path("points").path("expiring_soon").asLong()).isEqualTo(300);
            Books.assertReconciled(server);
        }

        @Test
        void shouldSendPointsToExpiry_WhenTheirLotExpiredBeforeTheRefund() {
            checkout.points(customer, 200, Duration.ofDays(5));
            checkout.points(customer, 100, Duration.ofDays(100));
            String id = checkout.redeemPoints(customer, 250).path("id").asText();
            server.clock().advance(Duration.ofDays(6));

            JsonNode reversed = shop.post("/v1/redemptions/" + id + "/reversals", Map.of()).expect(201);

            assertThat(reversed.path("reversals").get(0).path("points").asLong()).isEqualTo(250);
            assertThat(reversed.path("reversals").get(0).path("expired").asLong()).isEqualTo(200);
            assertThat(checkout.available(customer)).isEqualTo(100);
            JsonNode entry = server.as(Role.FINANCE).get("/v1/customers/" + customer + "/ledger?limit=1").expect(200)
                    .path("data").get(0);
            assertThat(entry.path("kind").asText()).isEqualTo("redemption_reversed");
            Books.assertReconciled(server);
        }

        @Test
        void shouldLeaveSpentPointsSpent_WhenTheGrantIsRevokedAfterwards() {
            String grant = checkout.points(customer, 500, Duration.ofDays(30)).path("id").asText();
            checkout.redeemPoints(customer, 200);

            JsonNode revoked = server.as(Role.SUPERVISOR).post("/v1/grants/" + grant + "/revoke", Map.of("reason", "x"))
                    .expect(200);

            assertThat(revoked.path("revocation").path("points").asLong()).isEqualTo(300);
            assertThat(checkout.available(customer)).isZero();
            Books.assertReconciled(server);
        }
    }
}
