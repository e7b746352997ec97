package com.amends.audit;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Concurrently;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The audit trail: one event per change, in the change's transaction, sealed into a hash chain that shows tampering. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class AuditApiTest extends OwnServerFixture {
    private JsonNode eventsFor(String targetId) {
        return server.as(Role.FINANCE).get("/v1/audit-events?target_id=" + targetId).expect(200).path("data");
    }

    private void seal() {
        Reply reply = server.adminPort().raw("POST", "/tasks/seal-audit", null, "");
        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void aGrant_ShouldBeRecordedWithWhoWhenAndWhat_AndTheVoucherCodeMasked() {
        String requestId = "req-" + UUID.randomUUID();
        Reply created = server.as(Role.AGENT).raw("POST", "/v1/grants", "application/json",
                json(amountVoucherGrant(newCustomer(), 1000, "EUR")),
                "Idempotency-Key", UUID.randomUUID().toString(), "X-Request-Id", requestId);
        JsonNode grant = created.expect(201);
        assertThat(created.header("X-Request-Id")).isEqualTo(requestId);
        String code = grant.path("voucher").path("code").asText();

        JsonNode events = eventsFor(grant.path("id").asText());
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.path("action").asText()).isEqualTo("createGrant");
        assertThat(event.path("target_type").asText()).isEqualTo("grant");
        assertThat(event.path("role").asText()).isEqualTo("agent");
        assertThat(event.path("api_key_id").asText()).startsWith("key_");
        assertThat(event.path("api_key_name").asText()).isNotBlank();
        assertThat(event.path("agent_id").asText()).isEqualTo("agent-7");
        assertThat(event.path("request_id").asText()).isEqualTo(requestId);
        assertThat(event.path("client_address").asText()).isEqualTo("127.0.0.1");
        assertThat(event.path("occurred_at").asText()).isEqualTo(server.clock().instant().toString());
        assertThat(event.path("before").isNull()).isTrue();
        assertThat(event.path("after").path("status").asText()).isEqualTo("issued");
        assertThat(event.path("after").path("voucher").path("code").asText()).isEqualTo("****-" + code.substring(code.length() - 4));
        assertThat(event.toString()).doesNotContain(code);
    }

    @Test
    void aRevocation_ShouldKeepTheStateBeforeAndAfter() {
        String grant = server.as(Role.AGENT).post("/v1/grants", pointsGrant(newCustomer(), 300)).expect(201).path("id").asText();
        server.as(Role.SUPERVISOR).post("/v1/grants/" + grant + "/revoke", Map.of("reason", "wrong customer")).expect(200);
        JsonNode revoke = server.as(Role.FINANCE).get("/v1/audit-events?target_id=" + grant + "&action=revokeGrant")
                .expect(200).path("data").get(0);
        assertThat(revoke.path("role").asText()).isEqualTo("supervisor");
        assertThat(revoke.path("before").path("status").asText()).isEqualTo("issued");
        assertThat(revoke.path("after").path("status").asText()).isEqualTo("revoked");
    }

    @Test
    void refusedAndReadOnlyRequests_ShouldWriteNoEvent_AndKeySecretsShouldNeverBeKept() {
        long before = count();
        server.as(Role.AGENT).post("/v1/grants", Map.of("customer_id", "x")).expectProblem(422, "validation_failed");
        server.as(Role.STOREFRONT).post("/v1/grants", pointsGrant(newCustomer(), 5)).expectProblem(403, "forbidden");
        server.as(Role.FINANCE).get("/v1/reports/reconciliation").expect(200);
        assertThat(count()).isEqualTo(before);

        JsonNode key = server.as(Role.ADMIN).post("/v1/api-keys", Map.of("name", "till 4", "role", "storefront"), null).expect(201);
        String secret = key.path("secret").asText();
        assertThat(secret).isNotBlank();
        JsonNode event = eventsFor(key.path("id").asText()).get(0);
        assertThat(event.path("action").asText()).isEqualTo("createApiKey");
        assertThat(event.toString()).doesNotContain(secret);
        server.as(Role.ADMIN).delete("/v1/api-keys/" + key.path("id").asText()).expect(200);
        assertThat(eventsFor(key.path("id").asText())).extracting(e -> e.path("action").asText())
                .containsExactly("revokeApiKey", "createApiKey");
        server.as(Role.ADMIN).patch("/v1/reason-codes/LONG_WAIT", Map.of("name", "Kept waiting too long")).expect(200);
        JsonNode reason = server.as(Role.FINANCE).get("/v1/audit-events?target_id=LONG_WAIT").expect(200).path("data").get(0);
        assertThat(reason.path("before").path("name").asText()).isEqualTo("Kept waiting for an answer");
        assertThat(reason.path("after").path("name").asText()).isEqualTo("Kept waiting too long");
    }

    @Test
    void everyKindOfChange_ShouldLeaveItsEvent() {
        com.amends.testing.Checkout checkout = new com.amends.testing.Checkout(server);
        Api shop = server.as(Role.STOREFRONT);
        Api admin = server.as(Role.ADMIN);
        Api supervisor = server.as(Role.SUPERVISOR);
        String customer = newCustomer();
        checkout.points(customer, 500, java.time.Duration.ofDays(30));
        String code = checkout.amountVoucher(customer, 1000);
        String redemption = checkout.redeemVoucher(code, 300).expect(201).path("id").asText();
        shop.post("/v1/redemptions/" + redemption + "/reversals", Map.of()).expect(201);
        String hold = shop.post("/v1/holds", Map.of("customer_id", customer, "order_ref", "o-1", "points", 100))
                .expect(201).path("id").asText();
        shop.post("/v1/holds/" + hold + "/capture", Map.of("points", 60)).expect(200);
        String other = shop.post("/v1/holds", Map.of("customer_id", customer, "order_ref", "o-2", "points", 50))
                .expect(201).path("id").asText();
        shop.post("/v1/holds/" + other + "/release", Map.of()).expect(200);
        checkout.redeemPoints(customer, 10);
        admin.raw("PUT", "/v1/policies/agents/audit-probe", "application/json",
                "{\"max_grant\": {\"amount\": 5000, \"currency\": \"EUR\"}}").expect(200);
        admin.delete("/v1/policies/agents/audit-probe").expect(200);
        admin.raw("PUT", "/v1/budgets/proactive", "application/json",
                "{\"amount\": {\"amount\": 900000, \"currency\": \"EUR\"}, \"mode\": \"soft\"}").expect(200);
        admin.delete("/v1/budgets/proactive").expect(200);
        String campaign = supervisor.post("/v1/campaigns", Map.of("name", "audit", "incident_ref", "inc-" + UUID.randomUUID(),
                "reason_code", "PROACTIVE_APOLOGY", "agent_id", "lead-1", "reward", Map.of("points", 10)), null)
                .expect(201).path("id").asText();
        supervisor.post("/v1/campaigns/" + campaign + "/recipients", Map.of("recipients",
                List.of(Map.of("customer_id", newCustomer())))).expect(201);
        supervisor.post("/v1/campaigns/" + campaign + "/close", Map.of(), null).expect(200);

        Set<String> actions = new HashSet<>(server.jdbi().withHandle(h ->
                h.createQuery("SELECT DISTINCT action FROM audit_events").mapTo(String.class).list()));
        assertThat(actions).contains("createGrant", "redeemVoucher", "reverseRedemption", "createHold", "captureHold",
                "releaseHold", "redeemPoints", "setAgentLimits", "deleteAgentLimits", "setBudget", "deleteBudget",
                "createCampaign", "addCampaignRecipients", "closeCampaign");
        for (String action : actions) {
            assertThat(server.as(Role.FINANCE).get("/v1/audit-events?action=" + action + "&limit=1").expect(200)
                    .path("data")).as("every action recorded can be filtered on: " + action).hasSize(1);
        }
        JsonNode deleted = server.as(Role.FINANCE).get("/v1/audit-events?action=deleteBudget").expect(200).path("data").get(0);
        assertThat(deleted.path("target_id").asText()).isEqualTo("proactive");
        assertThat(deleted.path("before").path("budget").path("amount").asLong()).isEqualTo(900000);
        assertThat(deleted.path("after").isNull()).isTrue();
        JsonNode captured = server.as(Role.FINANCE).get("/v1/audit-events?target_id=" + hold).expect(200).path("data");
        assertThat(captured).extracting(e -> e.path("action").asText()).containsExactly("captureHold", "createHold");
        assertThat(captured.get(0).path("before").path("status").asText()).isEqualTo("active");
    }

    private long count() {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_events").mapTo(Long.class).one());
    }

    @Test
    void theTrail_ShouldFilterAndPage() {
        String customer = newCustomer();
        List<String> grants = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            grants.add(server.as(Role.AGENT).post("/v1/grants", pointsGrant(customer, 10 + i)).expect(201).path("id").asText());
        }
        Api finance = server.as(Role.FINANCE);
        JsonNode agentKeyEvent = eventsFor(grants.get(0)).get(0);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = finance.get("/v1/audit-events?action=createGrant&limit=2&api_key_id="
                    + agentKeyEvent.path("api_key_id").asText() + (cursor == null ? "" : "&cursor=" + cursor)).expect(200);
            page.path("data").forEach(e -> seen.add(e.path("target_id").asText()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);
        assertThat(seen).containsSubsequence(grants.get(4), grants.get(3), grants.get(2), grants.get(1), grants.get(0));
        assertThat(finance.get("/v1/audit-events?from=" + server.clock().instant().plusSeconds(1)).expect(200).path("data"))
                .isEmpty();
        finance.get("/v1/audit-events?cursor=nonsense").expectProblem(400, "invalid_cursor");
        JsonNode typo = finance.get("/v1/audit-events?action=createGrants").expectProblem(400, "invalid_parameter");
        assertThat(typo.path("errors").get(0).path("field").asText()).isEqualTo("action");
        assertThat(typo.path("errors").get(0).path("message").asText()).as("the actions there are")
                .contains("createGrant,").contains("deleteBudget").contains("revokeUnusedCampaignCredit")
                .doesNotContain("listGrants");
        finance.get("/v1/audit-events?action=listGrants").expectProblem(400, "invalid_parameter");
        assertThat(finance.get("/v1/audit-events?action=rotateWebhookEndpointSecret").expect(200).path("data"))
                .as("an action nobody took yet is known, and matches nothing").isEmpty();
        server.as(Role.ADMIN).get("/v1/audit-events?limit=1").expect(200);
        for (Role role : List.of(Role.AGENT, Role.STOREFRONT, Role.SUPERVISOR)) {
            server.as(role).get("/v1/audit-events").expectProblem(403, "forbidden");
            server.as(role).get("/v1/audit-events/verify").expectProblem(403, "forbidden");
        }
        server.withSecret("sk_nope.nope").get("/v1/audit-events").expectProblem(401, "unauthorized");
    }

    @Test
    void theTrailAsCsv_ShouldHoldEveryMatchingEventNewestFirst_AsThePagesDo() {
        String customer = newCustomer();
        List<String> grants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            grants.add(server.as(Role.AGENT).post("/v1/grants", pointsGrant(customer, 20 + i)).expect(201).path("id").asText());
        }
        String keyId = eventsFor(grants.get(0)).get(0).path("api_key_id").asText();
        Api finance = server.as(Role.FINANCE);
        List<String> paged = new ArrayList<>();
        finance.get("/v1/audit-events?action=createGrant&limit=100&api_key_id=" + keyId).expect(200).path("data")
                .forEach(e -> paged.add(e.path("id").asText() + "," + e.path("target_id").asText()));

        Reply csv = finance.raw("GET", "/v1/audit-events?action=createGrant&api_key_id=" + keyId, null, null,
                "Accept", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("audit-events.csv");
        List<String> lines = List.of(csv.text().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("occurred_at,id,api_key_id,api_key_name,role,agent_id,action,target_type,"
                + "target_id,request_id,client_address,chain_position,hash");
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.split(",", -1)[1] + "," + line.split(",", -1)[8])
                .containsExactlyElementsOf(paged);
        assertThat(paged.subList(0, 3)).extracting(p -> p.split(",")[1])
                .containsExactly(grants.get(2), grants.get(1), grants.get(0));
    }

    @Test
    void theVerificationAsCsv_ShouldBeOneRowOfTheSameFigures() {
        server.as(Role.AGENT).post("/v1/grants", pointsGrant(newCustomer(), 9)).expect(201);
        seal();
        JsonNode json = server.as(Role.FINANCE).get("/v1/audit-events/verify").expect(200);
        Reply csv = server.as(Role.ADMIN).raw("GET", "/v1/audit-events/verify", null, null, "Accept", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        String[] lines = csv.text().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("valid,checked_events,sealed_through_position,sealed_through_event_id");
        String[] cells = lines[1].split(",", -1);
        // The class's server is shared: another test may have broken the chain on purpose.
        assertThat(cells[0]).isEqualTo(json.path("valid").asText());
        assertThat(cells[2]).isEqualTo(json.path("sealed_through_position").asText());
        assertThat(cells[3]).isEqualTo(json.path("sealed_through_event_id").asText());
        assertThat(cells[6]).isEqualTo(json.path("head_hash").asText());
        assertThat(cells[7]).isEqualTo(json.path("first_mismatch").path("position").asText());
    }

    @Test
    void theChain_ShouldSealConcurrentWrites_AndNameTheFirstEventEditedOrDeletedBehindTheApi() {
        Concurrently.run(16, i -> server.as(Role.AGENT).post("/v1/grants", pointsGrant(newCustomer(), 1 + i)).expect(201));
        seal();
        JsonNode clean = server.as(Role.FINANCE).get("/v1/audit-events/verify").expect(200);
        assertThat(clean.path("valid").asBoolean()).isTrue();
        assertThat(clean.path("unsealed_events").asLong()).isZero();
        assertThat(clean.path("checked_events").asLong()).isEqualTo(clean.path("sealed_through_position").asLong())
                .isEqualTo(count());
        Set<Long> positions = new HashSet<>(server.jdbi().withHandle(h ->
                h.createQuery("SELECT chain_position FROM audit_links").mapTo(Long.class).list()));
        assertThat(positions).hasSize((int) count());

        // Unsealed events are said to be so, and a later seal adds them.
        server.as(Role.AGENT).post("/v1/grants", pointsGrant(newCustomer(), 7)).expect(201);
        assertThat(server.as(Role.FINANCE).get("/v1/audit-events/verify").expect(200).path("unsealed_events").asLong())
                .isEqualTo(1);
        seal();

        // Each tampering lies before the previous one, so each is the first the walk meets.
        server.jdbi().useHandle(h -> h.execute("UPDATE audit_links SET hash = ? WHERE chain_position = 9", "f".repeat(64)));
        JsonNode forged = server.as(Role.FINANCE).get("/v1/audit-events/verify").expect(200);
        assertThat(forged.path("valid").asBoolean()).isFalse();
        assertThat(forged.path("first_mismatch").path("position").asLong()).isEqualTo(9);
        assertThat(forged.path("first_mismatch").path("problem").asText()).contains("does not match its hash");

        server.jdbi().useHandle(h -> h.execute("DELETE FROM audit_links WHERE chain_position = 7"));
        JsonNode unlinked = server.as(Role.FINANCE).get("/v1/audit-events/verify").expect(200);
        assertThat(unlinked.path("valid").asBoolean()).isFalse();
        assertThat(unlinked.path("first_mismatch").path("position").asLong()).isEqualTo(7);
        assertThat(unlinked.path("first_mismatch").path("problem").asText()).contains("missing").contains("a link");
        assertThat(unlinked.path("unsealed_events").asLong()).as("its event is out of the chain").isEqualTo(1);

        String victim = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT e.id FROM audit_events e JOIN audit_links l ON l.event_seq = e.seq WHERE l.chain_position = 5").mapTo(String.class).one());
        server.jdbi().useHandle(h -> h.execute(
                "UPDATE audit_events SET agent_id = 'someone-else' WHERE id = ?", victim));
        JsonNode edited = server.as(Role.FINANCE).get("/v1/audit-events/verify").expect(200);
        assertThat(edited.path("valid").asBoolean()).isFalse();
        assertThat(edited.path("first_mismatch").path("event_id").asText()).isEqualTo(victim);
        assertThat(edited.path("first_mismatch").path("position").asLong()).isEqualTo(5);

        String deleted = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT e.id FROM audit_events e JOIN audit_links l ON l.event_seq = e.seq WHERE l.chain_position = 3").mapTo(String.class).one());
        server.jdbi().useHandle(h -> h.execute("DELETE FROM audit_events WHERE id = ?", deleted));
        JsonNode gap = server.as(Role.FINANCE).get("/v1/audit-events/verify").expect(200);
        assertThat(gap.path("valid").asBoolean()).isFalse();
        assertThat(gap.path("first_mismatch").path("position").asLong()).isEqualTo(3);
        assertThat(gap.path("first_mismatch").path("problem").asText()).contains("missing").contains("an event was deleted");
        assertThat(gap.path("first_mismatch").path("event_id").asText()).as("the event after the gap").isNotEqualTo(deleted);
    }

    private static String json(Object body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
