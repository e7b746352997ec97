package com.amends.campaign;

import static com.amends.testing.Bodies.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Books;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.Reply;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Large batches are credited in the background; a server that dies mid-way resumes without crediting anyone twice. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class CampaignWorkerTest extends OwnServerFixture {
    @Test
    void shouldResumeAfterARestart_CreditingEveryoneExactlyOnce() {
        String campaign = server.as(Role.SUPERVISOR).post("/v1/campaigns", Map.of("name", "Outage",
                "incident_ref", "outage-" + UUID.randomUUID(), "reason_code", "PROACTIVE_APOLOGY", "agent_id", "lead-2",
                "reward", Map.of("points", 100)), null).expect(201).path("id").asText();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            rows.add(Map.of("customer_id", i == 2_499 ? rows.get(0).get("customer_id") : newCustomer()));
        }

        JsonNode queued = server.as(Role.SUPERVISOR).post("/v1/campaigns/" + campaign + "/recipients",
                Map.of("recipients", rows)).expect(202);
        assertThat(queued.path("status").asText()).isEqualTo("queued");
        assertThat(queued.path("counts").path("queued").asLong()).isEqualTo(2_500);

        runWorker("?chunks=1");
        assertThat(progress(campaign).path("credited").asLong()).isEqualTo(CampaignCrediting.CHUNK);

        server.stop(); // the worker dies with the server, a batch half done
        server.start();
        runWorker("");
        assertThat(progress(campaign).path("credited").asLong()).as("the dead worker's lease still holds").isEqualTo(CampaignCrediting.CHUNK);
        server.clock().advance(Duration.ofSeconds(20));
        runWorker("");

        JsonNode progress = progress(campaign);
        assertThat(progress.path("credited").asLong()).isEqualTo(2_499);
        assertThat(progress.path("skipped").asLong()).isEqualTo(1);
        assertThat(progress.path("queued").asLong()).isZero();
        long grants = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(DISTINCT customer_id) FROM grants WHERE campaign_id = :c").bind("c", campaign)
                .mapTo(Long.class).one());
        long rowsOfGrants = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM grants WHERE campaign_id = :c").bind("c", campaign).mapTo(Long.class).one());
        assertThat(grants).isEqualTo(2_499).isEqualTo(rowsOfGrants);
        JsonNode batch = server.as(Role.SUPERVISOR).get("/v1/campaigns/" + campaign + "/batches/"
                + queued.path("id").asText()).expect(200);
        assertThat(batch.path("status").asText()).isEqualTo("done");
        assertThat(batch.path("results")).hasSize(2_500);
        Books.assertReconciled(server);
    }

    @Test
    void shouldLeaveABatchToTheInstanceThatRenewsItsLease_AndHandItToAnotherSecondsAfterThatOneDies() {
        String campaign = server.as(Role.SUPERVISOR).post("/v1/campaigns", Map.of("name", "Outage",
                "incident_ref", "outage-" + UUID.randomUUID(), "reason_code", "PROACTIVE_APOLOGY", "agent_id", "lead-2",
                "reward", Map.of("points", 100)), null).expect(201).path("id").asText();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 4_500; i++) {
            rows.add(Map.of("customer_id", newCustomer()));
        }
        server.as(Role.SUPERVISOR).post("/v1/campaigns/" + campaign + "/recipients", Map.of("recipients", rows)).expect(202);
        try (TestServer other = new TestServer(server.database(), server.clock()).start()) {
            runWorker(server, "?chunks=1");
            server.clock().advance(Duration.ofSeconds(14));
            runWorker(server, "?chunks=1"); // renews the lease for 15 s more
            assertThat(progress(campaign).path("credited").asLong()).isEqualTo(2 * CampaignCrediting.CHUNK);

            server.clock().advance(Duration.ofSeconds(2)); // past the first lease, inside the renewed one
            runWorker(other, "");
            assertThat(progress(campaign).path("credited").asLong()).as("the live worker's renewed lease holds")
                    .isEqualTo(2 * CampaignCrediting.CHUNK);

            server.stop(); // the worker dies
            server.clock().advance(Duration.ofSeconds(14));
            runWorker(other, "");
            assertThat(progress(other, campaign).path("credited").asLong()).as("the dead worker's lease runs out in 15 s")
                    .isEqualTo(4_500);
            assertThat(progress(other, campaign).path("queued").asLong()).isZero();
        } finally {
            server.start();
        }
        long grants = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM grants WHERE campaign_id = :c")
                .bind("c", campaign).mapTo(Long.class).one());
        assertThat(grants).isEqualTo(4_500);
        Books.assertReconciled(server);
    }

    @Test
    void shouldStopAtAHardBudget() {
        String category = "cat_" + UUID.randomUUID().toString().substring(0, 8);
        String reason = "C_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        server.as(Role.ADMIN).post("/v1/reason-codes", Map.of("code", reason, "name", "x", "category", category,
                "default_validity_days", 30), null).expect(201);
        server.as(Role.ADMIN).raw("PUT", "/v1/budgets/" + category, "application/json",
                "{\"amount\": {\"amount\": 250, \"currency\": \"EUR\"}, \"mode\": \"hard\"}").expect(200);
        String campaign = server.as(Role.SUPERVISOR).post("/v1/campaigns", Map.of("name", "x", "incident_ref", "i",
                "reason_code", reason, "agent_id", "lead-2", "reward", Map.of("points", 100)), null)
                .expect(201).path("id").asText();

        Map<String, Object> rows = Map.of("recipients", List.of(Map.of("customer_id", newCustomer()),
                Map.of("customer_id", newCustomer()), Map.of("customer_id", newCustomer())));
        JsonNode preview = server.as(Role.SUPERVISOR).post("/v1/campaigns/" + campaign + "/preview", rows, null).expect(200);
        JsonNode result = server.as(Role.SUPERVISOR).post("/v1/campaigns/" + campaign + "/recipients", rows).expect(201);

        assertThat(result.path("counts").path("credited").asLong()).isEqualTo(2);
        assertThat(result.path("counts").path("budget_exhausted").asLong()).isEqualTo(1);
        assertThat(preview.path("counts")).isEqualTo(result.path("counts"));
    }

    @Test
    void shouldFreeTheBudget_WhenUnusedCampaignCreditIsRevoked() {
        String category = "cat_" + UUID.randomUUID().toString().substring(0, 8);
        String reason = "V_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        server.as(Role.ADMIN).post("/v1/reason-codes", Map.of("code", reason, "name", "x", "category", category,
                "default_validity_days", 30), null).expect(201);
        server.as(Role.ADMIN).raw("PUT", "/v1/budgets/" + category, "application/json",
                "{\"amount\": {\"amount\": 700, \"currency\": \"EUR\"}, \"mode\": \"hard\"}").expect(200);
        String campaign = server.as(Role.SUPERVISOR).post("/v1/campaigns", Map.of("name", "x", "incident_ref", "i",
                "reason_code", reason, "agent_id", "lead-2", "reward", Map.of("points", 300)), null)
                .expect(201).path("id").asText();
        server.as(Role.SUPERVISOR).post("/v1/campaigns/" + campaign + "/recipients", Map.of("recipients",
                List.of(Map.of("customer_id", newCustomer()), Map.of("customer_id", newCustomer())))).expect(201);

        server.as(Role.SUPERVISOR).post("/v1/campaigns/" + campaign + "/revoke-unused", Map.of()).expect(202);
        runWorker("");

        JsonNode budget = server.as(Role.ADMIN).get("/v1/budgets").expect(200).get(0);
        assertThat(budget.path("committed").path("amount").asLong()).isZero();
        Books.assertReconciled(server);
    }

    private void runWorker(String query) {
        runWorker(server, query);
    }

    private static void runWorker(TestServer on, String query) {
        Reply reply = on.adminPort().raw("POST", "/tasks/campaigns" + query, null, "");
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    }

    private JsonNode progress(String campaign) {
        return progress(server, campaign);
    }

    private static JsonNode progress(TestServer on, String campaign) {
        return on.as(Role.FINANCE).get("/v1/campaigns/" + campaign).expect(200).path("counts");
    }
}
