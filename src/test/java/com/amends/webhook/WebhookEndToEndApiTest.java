package com.amends.webhook;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static com.amends.testing.Checkout.eur;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Checkout;
import com.amends.testing.Reply;
import com.amends.testing.WebhookReceiver;
import com.amends.testing.WebhookReceiver.Answer;
import com.amends.testing.WebhookReceiver.Received;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events written by real changes, delivered to a real receiver: what a consumer sending emails
 * to customers sees. Servers of their own, because the tests move the clock.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class WebhookEndToEndApiTest extends ReceiverFixture {
    Api agent;
    Api supervisor;
    Api shop;
    Checkout checkout;
    Instant start;

    @BeforeEach
    void setUpActors() {
        agent = server.as(Role.AGENT);
        supervisor = server.as(Role.SUPERVISOR);
        shop = server.as(Role.STOREFRONT);
        checkout = new Checkout(server);
        // Events of earlier tests share no instant with this one's, so the feed from here is this test's.
        server.clock().advance(Duration.ofSeconds(1));
        start = server.clock().instant();
    }

    @Test
    void shouldDeliverEveryEventOfTwoCustomersLives_SignedInFeedOrderPerCustomer_WithWhatAnEmailNeeds() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        String secret = registerKeepingSecret(r, Map.of("url", "", "description", "CRM"));
        admin.raw("PUT", "/v1/policies/roles/agent", "application/json",
                "{\"max_grant\": {\"amount\": 3000, \"currency\": \"EUR\"}}").expect(200);
        String ann = newCustomer();
        String bob = newCustomer();
        Instant tenDays = start.plus(Duration.ofDays(10));

        // Ann: points, a voucher, a grant that waits and is approved, one rejected; spends, gets part back.
        JsonNode annPoints = agent.post("/v1/grants", with(pointsGrant(ann, 1000), "expires_at",
                start.plus(Duration.ofDays(60)).toString())).expect(201);
        JsonNode annVoucher = agent.post("/v1/grants", with(amountVoucherGrant(ann, 2000, "EUR"), "expires_at",
                start.plus(Duration.ofDays(60)).toString())).expect(201);
        String annCode = annVoucher.path("voucher").path("code").asText();
        JsonNode waiting = agent.post("/v1/grants", pointsGrant(ann, 5000)).expect(201);
        supervisor.post("/v1/grants/" + waiting.path("id").asText() + "/approve", Map.of("agent_id", "lead-1")).expect(200);
        JsonNode refused = agent.post("/v1/grants", pointsGrant(bob, 4000)).expect(201);
        supervisor.post("/v1/grants/" + refused.path("id").asText() + "/reject",
                Map.of("agent_id", "lead-1", "note", "too much")).expect(200);
        JsonNode spent = shop.post("/v1/customers/" + ann + "/points/redemptions",
                Map.of("order_ref", "order-1", "points", 300)).expect(201);
        shop.post("/v1/vouchers/" + annCode + "/redemptions", Map.of("order_ref", "order-2", "amount", eur(800)))
                .expect(201);
        shop.post("/v1/redemptions/" + spent.path("id").asText() + "/reversals", Map.of("points", 100)).expect(201);

        // Bob: points and a voucher expiring in ten days, holds captured, released, left to expire.
        JsonNode bobPoints = agent.post("/v1/grants", with(pointsGrant(bob, 500), "expires_at", tenDays.toString()))
                .expect(201);
        JsonNode bobVoucher = agent.post("/v1/grants", with(amountVoucherGrant(bob, 400, "EUR"), "expires_at",
                tenDays.toString())).expect(201);
        String bobCode = bobVoucher.path("voucher").path("code").asText();
        JsonNode captureMe = shop.post("/v1/holds", Map.of("order_ref", "order-4", "customer_id", bob, "points", 200))
                .expect(201);
        shop.post("/v1/holds/" + captureMe.path("id").asText() + "/capture", Map.of("points", 150)).expect(200);
        JsonNode releaseMe = shop.post("/v1/holds", Map.of("order_ref", "order-5", "voucher_code", bobCode,
                "amount", eur(100))).expect(201);
        shop.post("/v1/holds/" + releaseMe.path("id").asText() + "/release", Map.of()).expect(200);
        shop.post("/v1/holds", Map.of("order_ref", "order-6", "customer_id", bob, "points", 100, "ttl_seconds", 60))
                .expect(201);
        server.clock().advance(Duration.ofSeconds(61));
        checkout.runExpiry();

        // A small campaign with a message, to both.
        String campaign = campaign("Storm Bert delays", ann, bob);

        // Bob's points and voucher: warned of, then expired.
        server.clock().advance(Duration.ofDays(4));
        checkout.runExpiry();
        server.clock().advance(Duration.ofDays(7));
        checkout.runExpiry();

        List<JsonNode> feed = feed("from=" + start);
        assertThat(feed).hasSizeGreaterThan(25);
        drain(r[0], feed.size());
        List<Received> got = r[0].received();

        // Every event once, as the admin reads it, signed with the secret the endpoint was created with.
        assertThat(got).extracting(Received::webhookId)
                .containsExactlyInAnyOrderElementsOf(feed.stream().map(e -> e.path("id").asText()).toList());
        for (Received one : got) {
            assertThat(one.body()).as("body of %s", one.webhookId())
                    .isEqualTo(admin.get("/v1/events/" + one.webhookId()).text());
            assertThat(WebhookSignature.matches(secret, one.webhookId(), one.timestamp(), one.body(),
                    one.header("webhook-signature"))).as("signature of %s", one.webhookId()).isTrue();
        }
        for (String customer : List.of(ann, bob)) {
            assertThat(idsOf(got, customer)).as("order for %s", customer)
                    .containsExactlyElementsOf(feed.stream()
                            .filter(e -> customer.equals(e.path("customer_id").asText(null)))
                            .map(e -> e.path("id").asText()).toList());
        }
        assertThat(typesOf(got, ann)).containsExactly("grant.issued", "grant.issued", "grant.pending_approval",
                "grant.approved", "grant.issued", "points.redeemed", "voucher.redeemed", "redemption.reversed",
                "grant.issued");
        assertThat(typesOf(got, bob)).containsExactly("grant.pending_approval", "grant.rejected", "grant.issued",
                "grant.issued", "hold.created", "hold.captured", "points.redeemed", "hold.created", "hold.released",
                "hold.created", "hold.expired", "grant.issued", "points.expiring_soon", "voucher.expiring_soon",
                "points.expired", "voucher.expired");
        assertThat(got.stream().map(g -> Api.parse(g.body()).path("type").asText()))
                .contains("campaign.batch_completed", "campaign.completed");

        // What the emails need: the code in full, the points, their expiry, the reason, the message.
        JsonNode voucherIssued = body(got, annVoucher.path("id").asText(), "grant.issued").path("data").path("object");
        assertThat(voucherIssued.path("voucher").path("code").asText()).isEqualTo(annCode).doesNotContain("*");
        assertThat(voucherIssued.path("reason_code").asText()).isEqualTo(annVoucher.path("reason_code").asText())
                .isNotBlank();
        JsonNode pointsIssued = body(got, annPoints.path("id").asText(), "grant.issued").path("data").path("object");
        assertThat(pointsIssued.path("points").asLong()).isEqualTo(1000);
        assertThat(pointsIssued.path("expires_at").asText()).isEqualTo(start.plus(Duration.ofDays(60)).toString());
        JsonNode rejected = body(got, refused.path("id").asText(), "grant.rejected").path("data").path("object");
        assertThat(rejected.toString()).contains("too much");
        JsonNode warned = ofType(got, bob, "points.expiring_soon").path("data").path("object");
        assertThat(warned.path("points").asLong()).isEqualTo(500 - 150);
        assertThat(warned.path("expires_at").asText()).isEqualTo(tenDays.toString());
        assertThat(ofType(got, bob, "voucher.expiring_soon").path("data").path("object").path("code").asText())
                .isEqualTo(bobCode);
        for (String customer : List.of(ann, bob)) {
            JsonNode issued = campaignGrant(got, customer, campaign);
            assertThat(issued.path("data").path("message").path("subject").asText())
                    .isEqualTo("Sorry about the storm, " + customer);
            assertThat(issued.path("data").path("message").path("body").asText())
                    .isEqualTo("Storm Bert delays: 300 points, until "
                            + issued.path("data").path("object").path("expires_at").asText() + ".");
        }
    }

    @Test
    void shouldRetryEachEventOnTheScheduleThroughFailures_WithOneWebhookId_AndSendNoneTwiceAfterItsSuccess() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        String endpoint = register(r);
        r[0].answer(Answer.status(500).times(4), Answer.status(429).header("Retry-After", "3600").times(2),
                Answer.status(204));
        String ann = newCustomer();
        String bob = newCustomer();
        JsonNode annGrant = agent.post("/v1/grants", pointsGrant(ann, 100)).expect(201);
        agent.post("/v1/grants", pointsGrant(bob, 100)).expect(201);
        shop.post("/v1/customers/" + ann + "/points/redemptions", Map.of("order_ref", "o-1", "points", 30)).expect(201);
        List<JsonNode> feed = feed("from=" + start);
        assertThat(feed).hasSize(3);
        String annFirst = feed.get(0).path("id").asText();
        String bobFirst = feed.get(1).path("id").asText();
        String annSecond = feed.get(2).path("id").asText();
        assertThat(feed.get(0).path("data").path("object").path("id").asText()).isEqualTo(annGrant.path("id").asText());

        Outbox.deliver(server); // 500 to both first events; Ann's redemption waits behind her grant
        assertThat(r[0].received()).extracting(Received::webhookId).containsExactlyInAnyOrder(annFirst, bobFirst);
        assertNextTry(endpoint, List.of(annFirst, bobFirst), Duration.ofSeconds(5));
        assertThat(delivery(endpoint, annSecond).path("attempts").asInt()).isZero();

        server.clock().advance(Duration.ofSeconds(4));
        Outbox.deliver(server); // not due yet
        assertThat(r[0].received()).hasSize(2);
        server.clock().advance(Duration.ofSeconds(1));
        Outbox.deliver(server); // 500 again
        assertThat(r[0].received()).hasSize(4);
        assertNextTry(endpoint, List.of(annFirst, bobFirst), Duration.ofMinutes(5));

        server.clock().advance(Duration.ofMinutes(5));
        Outbox.deliver(server); // 429: the schedule says 30 minutes, the receiver an hour
        assertThat(r[0].received()).hasSize(6);
        assertNextTry(endpoint, List.of(annFirst, bobFirst), Duration.ofHours(1));
        assertThat(delivery(endpoint, annFirst).path("last_response_status").asInt()).isEqualTo(429);

        server.clock().advance(Duration.ofMinutes(30));
        Outbox.deliver(server);
        assertThat(r[0].received()).hasSize(6);
        server.clock().advance(Duration.ofMinutes(30));
        drain(r[0], 9);

        List<Received> got = r[0].received();
        assertThat(got).hasSize(9).allSatisfy(g -> assertThat(g.signatureValid()).isTrue());
        assertThat(got).extracting(Received::webhookId).filteredOn(annFirst::equals).hasSize(4);
        assertThat(got).extracting(Received::webhookId).filteredOn(bobFirst::equals).hasSize(4);
        assertThat(got).extracting(Received::webhookId).filteredOn(annSecond::equals).hasSize(1);
        assertThat(idsOf(got, ann).stream().distinct().toList()).containsExactly(annFirst, annSecond);
        for (String event : List.of(annFirst, bobFirst, annSecond)) {
            JsonNode d = delivery(endpoint, event);
            assertThat(d.path("status").asText()).isEqualTo("delivered");
            assertThat(d.path("last_response_status").asInt()).isEqualTo(204);
        }
        // Later passes, even a day later, send nothing delivered again.
        server.clock().advance(Duration.ofDays(1));
        Outbox.deliver(server);
        assertThat(r[0].received()).hasSize(9);
    }

    @Test
    void shouldSendAnEndpointOnlyTheTypesItWants() {
        WebhookReceiver[] some = new WebhookReceiver[1];
        WebhookReceiver[] every = new WebhookReceiver[1];
        registerKeepingSecret(some, Map.of("url", "", "event_types", List.of("grant.issued", "voucher.redeemed")));
        register(every);
        String ann = newCustomer();
        String code = agent.post("/v1/grants", amountVoucherGrant(ann, 1000, "EUR")).expect(201)
                .path("voucher").path("code").asText();
        JsonNode hold = shop.post("/v1/holds", Map.of("order_ref", "o-1", "voucher_code", code, "amount", eur(100)))
                .expect(201);
        shop.post("/v1/holds/" + hold.path("id").asText() + "/release", Map.of()).expect(200);
        shop.post("/v1/vouchers/" + code + "/redemptions", Map.of("order_ref", "o-2", "amount", eur(300))).expect(201);

        drain(every[0], 4);
        drain(some[0], 2);

        assertThat(typesOf(every[0].received(), ann))
                .containsExactly("grant.issued", "hold.created", "hold.released", "voucher.redeemed");
        assertThat(typesOf(some[0].received(), ann)).containsExactly("grant.issued", "voucher.redeemed");
    }

    @Test
    void shouldSendADisabledEndpointNothing_ThenWhatItMissedOnceEnabledAndRecovered() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        String endpoint = register(r);
        String ann = newCustomer();
        agent.post("/v1/grants", pointsGrant(ann, 100)).expect(201);
        drain(r[0], 1);

        admin.patch("/v1/webhook-endpoints/" + endpoint, Map.of("enabled", false)).expect(200);
        server.clock().advance(Duration.ofSeconds(1));
        Instant disabledAt = server.clock().instant();
        agent.post("/v1/grants", pointsGrant(ann, 200)).expect(201);
        shop.post("/v1/customers/" + ann + "/points/redemptions", Map.of("order_ref", "o-1", "points", 50)).expect(201);
        Outbox.deliver(server);
        server.clock().advance(Duration.ofMinutes(1));
        Outbox.deliver(server);
        assertThat(r[0].received()).hasSize(1);

        admin.patch("/v1/webhook-endpoints/" + endpoint, Map.of("enabled", true)).expect(200);
        JsonNode recovered = admin.post("/v1/webhook-endpoints/" + endpoint + "/recover?since=" + disabledAt, Map.of())
                .expect(200);
        assertThat(recovered.path("queued").asInt()).isEqualTo(2);
        drain(r[0], 3);

        assertThat(typesOf(r[0].received(), ann)).containsExactly("grant.issued", "grant.issued", "points.redeemed");
        assertThat(r[0].received()).extracting(Received::webhookId)
                .containsExactlyElementsOf(feed("customer_id=" + ann).stream().map(e -> e.path("id").asText()).toList());
    }

    @Test
    void shouldDeliverNothingForARefusedRequest() {
        WebhookReceiver[] r = new WebhookReceiver[1];
        register(r);
        String ann = newCustomer();
        JsonNode grant = agent.post("/v1/grants", pointsGrant(ann, 100)).expect(201);
        drain(r[0], 1);

        Reply tooMany = shop.post("/v1/customers/" + ann + "/points/redemptions", Map.of("order_ref", "o-1", "points", 500));
        assertThat(tooMany.status()).isBetween(400, 499);
        Reply badReason = agent.post("/v1/grants", with(pointsGrant(ann, 100), "reason_code", "NOT_A_REASON"));
        assertThat(badReason.status()).isBetween(400, 499);
        Reply twice = supervisor.post("/v1/grants/" + grant.path("id").asText() + "/approve", Map.of("agent_id", "lead-1"));
        assertThat(twice.status()).isBetween(400, 499);
        Outbox.deliver(server);
        server.clock().advance(Duration.ofMinutes(1));
        Outbox.deliver(server);

        assertThat(feed("customer_id=" + ann)).hasSize(1);
        assertThat(r[0].received()).hasSize(1);
        assertThat(checkout.available(ann)).isEqualTo(100);
    }

    /** Registers a receiver with the given body (its url filled in) and answers the secret of the create answer. */
    private String registerKeepingSecret(WebhookReceiver[] holder, Map<String, Object> body) {
        WebhookReceiver receiver = WebhookReceiver.start(null, server.clock());
        receivers.add(receiver);
        Map<String, Object> withUrl = new LinkedHashMap<>(body);
        withUrl.put("url", receiver.url());
        JsonNode created = admin.post("/v1/webhook-endpoints", withUrl).expect(201);
        String secret = created.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        receiver.secret(secret);
        holder[0] = receiver;
        return secret;
    }

    private String campaign(String name, String... customers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("incident_ref", "storm-" + UUID.randomUUID());
        body.put("reason_code", "PROACTIVE_APOLOGY");
        body.put("agent_id", "lead-2");
        body.put("reward", Map.of("points", 300));
        body.put("message", Map.of("subject", "Sorry about the storm, {{customer_id}}",
                "body", "{{campaign_name}}: {{points}} points, until {{expires_at}}."));
        String id = supervisor.post("/v1/campaigns", body, null).expect(201).path("id").asText();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String customer : customers) {
            rows.add(Map.of("customer_id", customer));
        }
        supervisor.post("/v1/campaigns/" + id + "/recipients", Map.of("recipients", rows)).expect(201);
        return id;
    }

    /** Runs the worker until {@code count} requests came and one more pass sends nothing. */
    private void drain(WebhookReceiver receiver, int count) {
        for (int pass = 0; pass < 50 && receiver.received().size() < count; pass++) {
            Outbox.deliver(server);
        }
        receiver.awaitRequests(count, WAIT);
        Outbox.deliver(server);
        assertThat(receiver.received()).hasSize(count);
    }

    private void assertNextTry(String endpoint, List<String> events, Duration after) {
        for (String event : events) {
            assertThat(delivery(endpoint, event).path("next_attempt_at").asText()).as("next try of %s", event)
                    .isEqualTo(server.clock().instant().plus(after).toString());
        }
    }

    private List<JsonNode> feed(String query) {
        List<JsonNode> events = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            JsonNode page = admin.get("/v1/events?limit=100&" + query + (cursor == null ? "" : "&cursor=" + cursor))
                    .expect(200);
            if (page.path("data").isEmpty()) {
                return events;
            }
            page.path("data").forEach(events::add);
            cursor = page.path("next_cursor").asText();
        }
        throw new AssertionError("the feed did not end");
    }

    private static List<String> idsOf(List<Received> got, String customer) {
        return got.stream().filter(g -> customer.equals(Api.parse(g.body()).path("customer_id").asText(null)))
                .map(Received::webhookId).toList();
    }

    private static List<String> typesOf(List<Received> got, String customer) {
        return got.stream().map(g -> Api.parse(g.body()))
                .filter(e -> customer.equals(e.path("customer_id").asText(null)))
                .map(e -> e.path("type").asText()).toList();
    }

    private static JsonNode body(List<Received> got, String objectId, String type) {
        return got.stream().map(g -> Api.parse(g.body()))
                .filter(e -> e.path("type").asText().equals(type)
                        && e.path("data").path("object").path("id").asText().equals(objectId))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " of " + objectId));
    }

    private static JsonNode ofType(List<Received> got, String customer, String type) {
        return got.stream().map(g -> Api.parse(g.body()))
                .filter(e -> customer.equals(e.path("customer_id").asText(null)) && e.path("type").asText().equals(type))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " for " + customer));
    }

    private static JsonNode campaignGrant(List<Received> got, String customer, String campaign) {
        return got.stream().map(g -> Api.parse(g.body()))
                .filter(e -> customer.equals(e.path("customer_id").asText(null))
                        && e.path("type").asText().equals("grant.issued")
                        && e.path("data").path("object").path("case_ref").asText().equals(campaign))
                .findFirst().orElseThrow(() -> new AssertionError("no campaign grant for " + customer));
    }
}
