package com.amends.event;

import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static com.amends.testing.Checkout.eur;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.CheckoutFixture;
import com.amends.testing.Reply;
import com.amends.voucher.VoucherCodes;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class EventFeedApiTest extends CheckoutFixture {
    Api admin;
    Api finance;
    Api agent;

    @BeforeEach
    void setUp() {
        admin = server.as(Role.ADMIN);
        finance = server.as(Role.FINANCE);
        agent = server.as(Role.AGENT);
    }

    @Nested
    class NothingHappened {
        @Test
        void shouldWriteNoEvent_ForARequestThatChangedNothing() {
            checkout.points(customer, 100, Duration.ofDays(30));
            String code = checkout.amountVoucher(customer, 500);
            int before = Feed.all(admin, "").size();

            shop.post("/v1/customers/" + customer + "/points/redemptions", Map.of("order_ref", "o", "points", 101))
                    .expectProblem(422, "insufficient_points");
            shop.post("/v1/vouchers/" + unknownCode(code) + "/redemptions", Map.of("order_ref", "o", "amount", eur(100)))
                    .expectProblem(404, "voucher_not_found");
            checkout.redeemVoucher(code, 600).expectProblem(422, "insufficient_balance");
            agent.post("/v1/grants", with(pointsGrant(customer, 10), "reason_code", null))
                    .expectProblem(422, "validation_failed");
            shop.post("/v1/holds", Map.of("order_ref", "o", "customer_id", customer, "points", 101))
                    .expectProblem(422, "insufficient_points");
            assertThat(Feed.all(admin, "")).hasSize(before);

            // A retried request is answered as before, and tells nothing new.
            Map<String, Object> grant = pointsGrant(customer, 10);
            JsonNode first = agent.post("/v1/grants", grant, "retry-" + customer).expect(201);
            assertThat(Feed.all(admin, "")).hasSize(before + 1);
            Reply again = agent.post("/v1/grants", grant, "retry-" + customer);
            assertThat(again.expect(201)).isEqualTo(first);
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(Feed.all(admin, "")).hasSize(before + 1);
        }
    }

    @Nested
    class Reading {
        @Test
        void shouldShowFinanceVoucherCodesMasked_AndAnAdminThemWhole() {
            String code = checkout.amountVoucher(customer, 500);
            checkout.redeemVoucher(code, 200).expect(201);
            String query = "customer_id=" + customer;

            String whole = admin.get("/v1/events?" + query).expect(200).toString();
            assertThat(whole).contains(code);
            JsonNode masked = finance.get("/v1/events?" + query).expect(200);
            assertThat(masked.path("data")).hasSize(2);
            assertThat(masked.toString()).doesNotContain(code).doesNotContain(code.replace("-", ""));
            String shown = VoucherCodes.masked(code);
            assertThat(masked.path("data").get(0).path("data").path("object").path("voucher").path("code").asText())
                    .isEqualTo(shown);
            assertThat(masked.path("data").get(1).path("data").path("object").path("voucher_code").asText())
                    .isEqualTo(shown);
            String id = masked.path("data").get(0).path("id").asText();
            assertThat(finance.get("/v1/events/" + id).expect(200).toString()).doesNotContain(code);
            assertThat(admin.get("/v1/events/" + id).expect(200).path("data").path("object").path("voucher")
                    .path("code").asText()).isEqualTo(code);
        }

        @Test
        void shouldFilterByType_Customer_AndTime() {
            String other = newCustomer();
            server.clock().advance(Duration.ofMinutes(1)); // after what other tests on this server did
            Instant start = server.clock().instant();
            checkout.points(customer, 500, Duration.ofDays(30));
            checkout.points(other, 500, Duration.ofDays(30));
            server.clock().advance(Duration.ofHours(1));
            Instant later = server.clock().instant();
            String code = checkout.amountVoucher(customer, 500);
            checkout.redeemVoucher(code, 100).expect(201);
            checkout.redeemPoints(customer, 50);
            String mine = "customer_id=" + customer;

            assertThat(Feed.types(Feed.all(admin, mine))).containsExactly(
                    "grant.issued", "grant.issued", "voucher.redeemed", "points.redeemed");
            assertThat(Feed.all(admin, "customer_id=" + other)).hasSize(1)
                    .allSatisfy(e -> assertThat(e.path("customer_id").asText()).isEqualTo(other));
            assertThat(Feed.types(Feed.all(admin, mine + "&type=grant.issued"))).containsExactly("grant.issued", "grant.issued");
            assertThat(Feed.types(Feed.all(admin, "type=grant.issued&from=" + start))).hasSize(3);
            assertThat(Feed.types(Feed.all(admin, mine + "&type=points.redeemed,voucher.redeemed")))
                    .containsExactly("voucher.redeemed", "points.redeemed");
            assertThat(Feed.types(Feed.all(admin, mine + "&type=voucher.redeemed,%20voucher.redeemed")))
                    .containsExactly("voucher.redeemed");
            assertThat(Feed.types(Feed.all(admin, mine + "&from=" + later))).containsExactly(
                    "grant.issued", "voucher.redeemed", "points.redeemed");
            assertThat(Feed.types(Feed.all(admin, mine + "&to=" + later))).containsExactly("grant.issued");
            assertThat(Feed.all(admin, "from=" + start + "&to=" + later)).hasSize(2);
            assertThat(Feed.all(admin, mine + "&type=grant.issued&from=" + later + "&to=" + later.plusSeconds(1)))
                    .hasSize(1);

            JsonNode unknown = admin.get("/v1/events?type=grant.issued,grant.nope").expectProblem(400, "invalid_parameter");
            assertThat(unknown.toString()).contains("grant.nope");
            admin.get("/v1/events?cursor=nonsense").expectProblem(400, "invalid_cursor");
            admin.get("/v1/events?from=yesterday").expectProblem(400, "invalid_parameter");
        }

        @Test
        void shouldLetAConsumerFollowTheFeed_WithTheLastCursorItWasGiven() {
            for (int i = 0; i < 5; i++) {
                checkout.points(customer, 10 + i, Duration.ofDays(30));
            }
            String query = "/v1/events?limit=2&customer_id=" + customer;
            List<JsonNode> read = new ArrayList<>();
            String cursor = null;
            for (int pages = 0; ; pages++) {
                JsonNode page = admin.get(query + (cursor == null ? "" : "&cursor=" + cursor)).expect(200);
                if (page.path("data").isEmpty()) {
                    assertThat(page.path("next_cursor").asText(null)).isNull();
                    assertThat(pages).isEqualTo(3);
                    break;
                }
                assertThat(page.path("next_cursor").asText()).isNotBlank();
                page.path("data").forEach(read::add);
                cursor = page.path("next_cursor").asText();
            }
            assertThat(read).extracting(e -> e.path("data").path("object").path("points").asLong())
                    .containsExactly(10L, 11L, 12L, 13L, 14L);

            JsonNode spent = checkout.redeemPoints(customer, 7);
            JsonNode next = admin.get(query + "&cursor=" + cursor).expect(200);
            assertThat(next.path("data")).hasSize(1);
            assertThat(next.path("data").get(0).path("type").asText()).isEqualTo("points.redeemed");
            assertThat(next.path("data").get(0).path("data").path("object").path("id").asText())
                    .isEqualTo(spent.path("id").asText());
            assertThat(admin.get(query + "&cursor=" + next.path("next_cursor").asText()).expect(200).path("data")).isEmpty();
        }

        @Test
        void shouldAnswerOneEvent_OrNotFound() {
            JsonNode grant = checkout.points(customer, 10, Duration.ofDays(30));
            JsonNode listed = admin.get("/v1/events?customer_id=" + customer).expect(200).path("data").get(0);

            JsonNode one = admin.get("/v1/events/" + listed.path("id").asText()).expect(200);

            assertThat(one).isEqualTo(listed);
            assertThat(one.path("data").path("object")).isEqualTo(grant);
            assertThat(finance.get("/v1/events/" + listed.path("id").asText()).expect(200)).isEqualTo(listed);
            admin.get("/v1/events/evt_01M81B7CT94P6PMMRWKRDFKN9M").expectProblem(404, "event_not_found");
        }

        @Test
        void shouldRefuseEveryRoleButAdminAndFinance() {
            JsonNode grant = checkout.points(customer, 10, Duration.ofDays(30));
            String id = admin.get("/v1/events?customer_id=" + customer).expect(200).path("data").get(0).path("id").asText();
            for (Role role : List.of(Role.AGENT, Role.SUPERVISOR, Role.STOREFRONT)) {
                server.as(role).get("/v1/events").expectProblem(403, "forbidden");
                server.as(role).get("/v1/events/" + id).expectProblem(403, "forbidden");
            }
            server.withSecret(null).get("/v1/events").expectProblem(401, "unauthorized");
            assertThat(grant.path("id").asText()).isNotBlank();
        }
    }

    /** A code that passes the check character but that nobody was given. */
    static String unknownCode(String known) {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Random random = new Random();
        while (true) {
            StringBuilder payload = new StringBuilder();
            for (int i = 0; i < known.replace("-", "").length() - 1; i++) {
                payload.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            for (char check : alphabet.toCharArray()) {
                String code = payload.toString() + check;
                if (VoucherCodes.checks(code) && !code.equals(known.replace("-", ""))) {
                    return code;
                }
            }
        }
    }
}
