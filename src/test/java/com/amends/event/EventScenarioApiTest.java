package com.amends.event;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.percentVoucherGrant;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static com.amends.testing.Checkout.eur;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.CheckoutFixture;
import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One customer's life, from grants to expiry: the feed filtered by the customer tells every
 * change in the order it happened, each with the resource as the API answered it.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class EventScenarioApiTest extends CheckoutFixture {
    /** What the feed must say, in order: the type, the object as the API showed it, and who asked. */
    private record Expected(String type, JsonNode object, String requestId) {}

    private final List<Expected> expected = new ArrayList<>();

    private JsonNode told(Reply reply, int status, String... types) {
        JsonNode answer = reply.expect(status);
        for (String type : types) {
            expected.add(new Expected(type, answer, reply.header("X-Request-Id")));
        }
        return answer;
    }

    private void toldByJob(String type, JsonNode object) {
        expected.add(new Expected(type, object, null));
    }

    @Test
    void shouldTellEveryChangeOfOneCustomer_InOrder_WithTheResourceAsTheApiShowedIt() {
        Api admin = server.as(Role.ADMIN);
        Api agent = server.as(Role.AGENT);
        Api supervisor = server.as(Role.SUPERVISOR);
        admin.raw("PUT", "/v1/policies/roles/agent", "application/json",
                "{\"max_grant\": {\"amount\": 3000, \"currency\": \"EUR\"}}").expect(200);
        Instant start = server.clock().instant();

        // Grants: points, an amount voucher, a percent voucher.
        told(agent.post("/v1/grants", with(pointsGrant(customer, 1000), "expires_at", start.plus(Duration.ofDays(30)).toString())),
                201, "grant.issued");
        JsonNode amount = told(agent.post("/v1/grants", with(amountVoucherGrant(customer, 2000, "EUR"), "expires_at",
                start.plus(Duration.ofDays(60)).toString())), 201, "grant.issued");
        JsonNode percent = told(agent.post("/v1/grants", with(percentVoucherGrant(customer, 10, 500), "expires_at",
                start.plus(Duration.ofDays(60)).toString())), 201, "grant.issued");
        String amountCode = amount.path("voucher").path("code").asText();
        String percentCode = percent.path("voucher").path("code").asText();

        // One waits and is approved by another supervisor, one is rejected, one is revoked.
        JsonNode waiting = told(agent.post("/v1/grants", with(pointsGrant(customer, 5000), "expires_at",
                start.plus(Duration.ofDays(90)).toString())), 201, "grant.pending_approval");
        assertThat(waiting.path("status").asText()).isEqualTo("pending_approval");
        JsonNode approved = told(supervisor.post("/v1/grants/" + waiting.path("id").asText() + "/approve",
                Map.of("agent_id", "lead-1")), 200, "grant.approved", "grant.issued");
        assertThat(approved.path("status").asText()).isEqualTo("issued");
        JsonNode refused = told(agent.post("/v1/grants", pointsGrant(customer, 4000)), 201, "grant.pending_approval");
        told(supervisor.post("/v1/grants/" + refused.path("id").asText() + "/reject",
                Map.of("agent_id", "lead-1", "note", "too much")), 200, "grant.rejected");
        JsonNode mistaken = told(agent.post("/v1/grants", amountVoucherGrant(customer, 500, "EUR")), 201, "grant.issued");
        JsonNode revoked = told(supervisor.post("/v1/grants/" + mistaken.path("id").asText() + "/revoke",
                Map.of("reason", "wrong customer")), 200, "grant.revoked");
        assertThat(revoked.path("voucher").path("status").asText()).isEqualTo("revoked");

        // Spending: points, both vouchers, and part of the points given back.
        JsonNode pointsSpent = told(shop.post("/v1/customers/" + customer + "/points/redemptions",
                Map.of("order_ref", "order-1", "points", 300)), 201, "points.redeemed");
        told(shop.post("/v1/vouchers/" + amountCode + "/redemptions", Map.of("order_ref", "order-2", "amount", eur(800))),
                201, "voucher.redeemed");
        JsonNode discount = told(shop.post("/v1/vouchers/" + percentCode + "/redemptions",
                Map.of("order_ref", "order-3", "order_total", eur(3000))), 201, "voucher.redeemed");
        assertThat(discount.path("amount").path("amount").asLong()).isEqualTo(300);
        JsonNode reversal = told(shop.post("/v1/redemptions/" + pointsSpent.path("id").asText() + "/reversals",
                Map.of("points", 100)), 201, "redemption.reversed");
        assertThat(reversal.path("points_reversed").asLong()).isEqualTo(100);

        // Holds: one captured (which redeems), one released, one left to expire.
        JsonNode captureMe = told(shop.post("/v1/holds", Map.of("order_ref", "order-4", "customer_id", customer, "points", 200)),
                201, "hold.created");
        Reply capture = shop.post("/v1/holds/" + captureMe.path("id").asText() + "/capture", Map.of("points", 150));
        JsonNode captured = told(capture, 200, "hold.captured");
        JsonNode capturedRedemption = shop.get("/v1/redemptions/" + captured.path("redemption_id").asText()).expect(200);
        expected.add(new Expected("points.redeemed", capturedRedemption, capture.header("X-Request-Id")));
        JsonNode releaseMe = told(shop.post("/v1/holds", Map.of("order_ref", "order-5", "voucher_code", amountCode,
                "amount", eur(300))), 201, "hold.created");
        told(shop.post("/v1/holds/" + releaseMe.path("id").asText() + "/release", Map.of()), 200, "hold.released");
        JsonNode expireMe = told(shop.post("/v1/holds", Map.of("order_ref", "order-6", "customer_id", customer,
                "points", 100, "ttl_seconds", 60)), 201, "hold.created");
        server.clock().advance(Duration.ofSeconds(61));
        checkout.runExpiry();
        JsonNode expiredHold = shop.get("/v1/holds/" + expireMe.path("id").asText()).expect(200);
        assertThat(expiredHold.path("status").asText()).isEqualTo("expired");
        toldByJob("hold.expired", expiredHold);

        // Points and a voucher that expire in ten days: warned of 7 days ahead, once, then expired.
        Instant tenDays = start.plus(Duration.ofDays(10));
        JsonNode shortPoints = told(agent.post("/v1/grants", with(pointsGrant(customer, 50), "expires_at", tenDays.toString())),
                201, "grant.issued");
        JsonNode shortVoucher = told(agent.post("/v1/grants", with(amountVoucherGrant(customer, 400, "EUR"), "expires_at",
                tenDays.toString())), 201, "grant.issued");
        server.clock().advance(Duration.ofDays(2)); // 8 days ahead: not yet
        checkout.runExpiry();
        server.clock().advance(Duration.ofDays(2)); // 6 days ahead
        checkout.runExpiry();
        checkout.runExpiry(); // once per lot and voucher, however often the job runs
        toldByJob("points.expiring_soon", null);
        toldByJob("voucher.expiring_soon", shortVoucher.path("voucher"));
        server.clock().advance(Duration.ofDays(7));
        checkout.runExpiry();
        toldByJob("points.expired", null);
        JsonNode expiredVoucher = agent.get("/v1/grants/" + shortVoucher.path("id").asText()).expect(200).path("voucher");
        assertThat(expiredVoucher.path("status").asText()).isEqualTo("expired");
        toldByJob("voucher.expired", expiredVoucher);

        List<JsonNode> feed = Feed.all(admin, "customer_id=" + customer, 7);

        assertThat(Feed.types(feed)).containsExactlyElementsOf(expected.stream().map(Expected::type).toList());
        for (int i = 0; i < feed.size(); i++) {
            JsonNode event = feed.get(i);
            Expected want = expected.get(i);
            assertThat(event.path("id").asText()).startsWith("evt_");
            assertThat(event.path("customer_id").asText()).isEqualTo(customer);
            assertThat(event.path("api_version").asText()).isNotBlank();
            assertThat(event.path("created_at").asText()).isNotBlank();
            if (want.requestId() == null) {
                // Like every null in the API, a job's missing request id is left out.
                assertThat(event.path("request_id").asText(null)).as("request_id of %s", event).isNull();
            } else {
                assertThat(event.path("request_id").asText()).as("request_id of %s", event.path("type")).isEqualTo(want.requestId());
            }
            if (want.object() != null && !want.type().endsWith("expiring_soon") && !want.type().equals("voucher.expired")) {
                assertThat(event.path("data").path("object")).as("object of event %d, %s", i, want.type())
                        .isEqualTo(want.object());
            }
        }
        // The voucher of a grant is shown whole to an admin: what the customer's email must carry.
        JsonNode amountIssued = feed.get(1).path("data").path("object");
        assertThat(amountIssued.path("voucher").path("code").asText()).isEqualTo(amountCode).matches("[0-9A-Z-]{24}");

        JsonNode pointsWarning = Feed.ofType(feed, "points.expiring_soon").get(0).path("data").path("object");
        assertThat(pointsWarning.path("grant_id").asText()).isEqualTo(shortPoints.path("id").asText());
        assertThat(pointsWarning.path("points").asLong()).isEqualTo(50);
        assertThat(pointsWarning.path("expires_at").asText()).isEqualTo(shortPoints.path("expires_at").asText());
        JsonNode voucherWarning = Feed.ofType(feed, "voucher.expiring_soon").get(0).path("data").path("object");
        assertThat(voucherWarning.path("id").asText()).isEqualTo(shortVoucher.path("voucher").path("id").asText());
        assertThat(voucherWarning.path("code").asText()).isEqualTo(shortVoucher.path("voucher").path("code").asText());
        assertThat(voucherWarning.path("status").asText()).isEqualTo("active");
        assertThat(voucherWarning.path("expires_at").asText()).isEqualTo(tenDays.toString());
        JsonNode pointsExpired = Feed.ofType(feed, "points.expired").get(0).path("data").path("object");
        assertThat(pointsExpired.path("points").asLong()).isEqualTo(50);
        assertThat(pointsExpired.path("lots")).hasSize(1);
        assertThat(pointsExpired.path("lots").get(0).path("grant_id").asText()).isEqualTo(shortPoints.path("id").asText());
        JsonNode voucherExpired = Feed.ofType(feed, "voucher.expired").get(0).path("data").path("object");
        assertThat(voucherExpired.path("id").asText()).isEqualTo(expiredVoucher.path("id").asText());
        assertThat(voucherExpired.path("status").asText()).isEqualTo("expired");
        assertThat(voucherExpired.path("code").asText()).isEqualTo(shortVoucher.path("voucher").path("code").asText());
    }
    @Test
    void shouldTellWhatTheJobsAndTheRedemptionsFindExpired() {
        Api admin = server.as(Role.ADMIN);
        admin.raw("PUT", "/v1/policies/roles/agent", "application/json",
                "{\"max_grant\": {\"amount\": 3000, \"currency\": \"EUR\"}}").expect(200);
        JsonNode waiting = server.as(Role.AGENT).post("/v1/grants", pointsGrant(customer, 5000)).expect(201);
        checkout.points(customer, 40, Duration.ofHours(1));
        checkout.points(customer, 100, Duration.ofDays(30));
        server.clock().advance(Duration.ofHours(73));

        Reply spent = shop.post("/v1/customers/" + customer + "/points/redemptions", Map.of("order_ref", "o", "points", 10));
        spent.expect(201);
        checkout.runExpiry();

        List<JsonNode> feed = Feed.all(admin, "customer_id=" + customer);
        assertThat(Feed.types(feed)).containsExactly("grant.pending_approval", "grant.issued", "grant.issued",
                "points.expired", "points.redeemed", "grant.approval_expired");
        // The redemption found the lot expired, so the request that made it expire is named.
        assertThat(feed.get(3).path("request_id").asText()).isEqualTo(spent.header("X-Request-Id"));
        assertThat(feed.get(3).path("data").path("object").path("points").asLong()).isEqualTo(40);
        JsonNode expired = feed.get(5);
        assertThat(expired.path("request_id").asText(null)).isNull();
        assertThat(expired.path("data").path("object").path("id").asText()).isEqualTo(waiting.path("id").asText());
        assertThat(expired.path("data").path("object").path("status").asText()).isEqualTo("expired");
        assertThat(expired.path("data").path("object"))
                .isEqualTo(server.as(Role.AGENT).get("/v1/grants/" + waiting.path("id").asText()).expect(200));
    }
}
