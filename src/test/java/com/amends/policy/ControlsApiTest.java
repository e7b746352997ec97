package com.amends.policy;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static com.amends.testing.Checkout.eur;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Books;
import com.amends.testing.Checkout;
import com.amends.testing.Concurrently;
import com.amends.testing.Reply;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Limits, caps and budgets are global, so these tests run on servers of their own and reset them after each test. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class ControlsApiTest {
    @Parameter
    TestServer server;

    Api admin;
    Api agent;
    Api supervisor;
    String customer;
    String agentId;

    @AfterParameterizedClassInvocation
    static void stop(TestServer server) {
        server.close();
    }

    @BeforeEach
    void setUp() {
        admin = server.as(Role.ADMIN);
        agent = server.as(Role.AGENT);
        supervisor = server.as(Role.SUPERVISOR);
        customer = newCustomer();
        agentId = "agent-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void resetControls() {
        server.jdbi().useHandle(h -> {
            h.execute("DELETE FROM limit_policies");
            h.execute("DELETE FROM customer_caps");
            h.execute("DELETE FROM budgets");
        });
        // The server keeps the settings it read for a while; a change through the API clears them.
        admin.raw("PUT", "/v1/policies/customer-cap", "application/json",
                "{\"amount\": {\"amount\": 1, \"currency\": \"EUR\"}, \"window_days\": 1}").expect(200);
        admin.delete("/v1/policies/customer-cap").expect(200);
    }

    Map<String, Object> grant(long points) {
        return with(pointsGrant(customer, points), "agent_id", agentId);
    }

    @Nested
    class Limits {
        @Test
        void shouldSendAGrantAboveTheRolesLargestForApproval_SayingWhy() {
            admin.raw("PUT", "/v1/policies/roles/agent", "application/json",
                    "{\"max_grant\": {\"amount\": 1000, \"currency\": \"EUR\"}}").expect(200);
            Books before = Books.of(server);

            JsonNode pending = agent.post("/v1/grants", grant(1500)).expect(201); // 1500 points = 15.00 EUR

            assertThat(pending.path("status").asText()).isEqualTo("pending_approval");
            JsonNode reason = pending.path("approval").path("reasons").get(0);
            assertThat(reason.path("rule").asText()).isEqualTo("max_grant");
            assertThat(reason.path("limit").path("amount").asLong()).isEqualTo(1000);
            assertThat(reason.path("value").path("amount").asLong()).isEqualTo(1500);
            assertThat(reason.path("message").asText()).contains("10.00 EUR");
            assertThat(Books.of(server).entries()).isEqualTo(before.entries());
            assertThat(new Checkout(server).available(customer)).isZero();
            assertThat(agent.post("/v1/grants", grant(1000)).expect(201).path("status").asText()).isEqualTo("issued");
            // The supervisor role has no limit set.
            assertThat(supervisor.post("/v1/grants", grant(5000)).expect(201).path("status").asText()).isEqualTo("issued");
        }

        @Test
        void shouldLetAnAgentsOverrideBeatTheRoleDefault() {
            admin.raw("PUT", "/v1/policies/roles/agent", "application/json",
                    "{\"max_grant\": {\"amount\": 1000, \"currency\": \"EUR\"}}").expect(200);
            admin.raw("PUT", "/v1/policies/agents/" + agentId, "application/json",
                    "{\"max_grant\": {\"amount\": 3000, \"currency\": \"EUR\"}}").expect(200);

            assertThat(agent.post("/v1/grants", grant(2500)).expect(201).path("status").asText()).isEqualTo("issued");
            assertThat(agent.post("/v1/grants", with(grant(2500), "agent_id", "someone-else")).expect(201)
                    .path("status").asText()).isEqualTo("pending_approval");
            JsonNode policies = admin.get("/v1/policies").expect(200);
            assertThat(policies.path("roles").path("agent").path("max_grant").path("amount").asLong()).isEqualTo(1000);
            assertThat(policies.path("agents").get(0).path("agent_id").asText()).isEqualTo(agentId);
        }

        @Test
        void shouldCountTheDailyTotalPerAgent_AndReportEveryRuleBroken() {
            admin.raw("PUT", "/v1/policies/roles/agent", "application/json",
                    "{\"max_grant\": {\"amount\": 800, \"currency\": \"EUR\"},"
                            + " \"daily_total\": {\"amount\": 1000, \"currency\": \"EUR\"}}").expect(200);
            agent.post("/v1/grants", grant(600)).expect(201);

            JsonNode pending = agent.post("/v1/grants", grant(900)).expect(201);

            List<String> rules = new ArrayList<>();
            pending.path("approval").path("reasons").forEach(r -> rules.add(r.path("rule").asText()));
            assertThat(rules).containsExactly("max_grant", "daily_total");
            assertThat(pending.path("approval").path("reasons").get(1).path("value").path("amount").asLong()).isEqualTo(1500);
            server.clock().advance(Duration.ofDays(1));
            assertThat(agent.post("/v1/grants", grant(700)).expect(201).path("status").asText()).isEqualTo("issued");
        }

        @Test
        void shouldCapWhatOneCustomerReceivesInTheWindow() {
            admin.raw("PUT", "/v1/policies/customer-cap", "application/json",
                    "{\"amount\": {\"amount\": 2000, \"currency\": \"EUR\"}, \"window_days\": 90}").expect(200);
            agent.post("/v1/grants", grant(1500)).expect(201);
            JsonNode pending = agent.post("/v1/grants", with(amountVoucherGrant(customer, 600, "EUR"), "agent_id", agentId))
                    .expect(201);
            assertThat(pending.path("approval").path("reasons").get(0).path("rule").asText()).isEqualTo("customer_cap");
            assertThat(pending.path("customer_recent_goodwill").path("grants").asLong()).isEqualTo(2);

            server.clock().advance(Duration.ofDays(91));
            assertThat(agent.post("/v1/grants", grant(1900)).expect(201).path("status").asText()).isEqualTo("issued");
        }

        @Test
        void shouldAnswerThePoliciesWithoutWhatWasDropped_AndNotFindItTwice() {
            admin.raw("PUT", "/v1/policies/customer-cap", "application/json",
                    "{\"amount\": {\"amount\": 2000, \"currency\": \"EUR\"}, \"window_days\": 90}").expect(200);
            admin.raw("PUT", "/v1/policies/agents/" + agentId, "application/json",
                    "{\"max_grant\": {\"amount\": 3000, \"currency\": \"EUR\"}}").expect(200);

            assertThat(admin.delete("/v1/policies/customer-cap").expect(200).path("customer_cap").isObject()).isFalse();
            assertThat(admin.delete("/v1/policies/agents/" + agentId).expect(200).path("agents")).isEmpty();

            admin.delete("/v1/policies/customer-cap").expectProblem(404, "policy_not_found");
            admin.delete("/v1/policies/agents/" + agentId).expectProblem(404, "policy_not_found");
        }

        @Test
        void shouldRefuseLimitsInAnotherCurrency() {
            admin.raw("PUT", "/v1/policies/roles/agent", "application/json",
                    "{\"max_grant\": {\"amount\": 1000, \"currency\": \"USD\"}}").expectProblem(422, "currency_mismatch");
            admin.raw("PUT", "/v1/policies/roles/storefront", "application/json", "{}").expectProblem(404, "policy_not_found");
            agent.raw("PUT", "/v1/policies/roles/agent", "application/json", "{}").expectProblem(403, "forbidden");
        }
    }

    @Nested
    class Budgets {
        String category;
        String reason;

        @BeforeEach
        void reasonOfItsOwn() {
            category = "cat_" + UUID.randomUUID().toString().substring(0, 8);
            reason = "R_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            admin.post("/v1/reason-codes", Map.of("code", reason, "name", "Test", "category", category,
                    "default_validity_days", 30), null).expect(201);
        }

        Map<String, Object> grantFor(long points) {
            return with(grant(points), "reason_code", reason);
        }

        @Test
        void shouldRefuseOverAHardBudget_AndCountPendingAsCommitted() {
            admin.raw("PUT", "/v1/budgets/" + category, "application/json",
                    "{\"amount\": {\"amount\": 5000, \"currency\": \"EUR\"}, \"mode\": \"hard\"}").expect(200);
            agent.post("/v1/grants", grantFor(3000)).expect(201);
            Books before = Books.of(server);

            JsonNode problem = agent.post("/v1/grants", grantFor(2500)).expectProblem(422, "budget_exhausted");

            assertThat(problem.path("scope").asText()).isEqualTo(category);
            assertThat(Books.of(server)).isEqualTo(before);
            JsonNode budget = budgetOf(category);
            assertThat(budget.path("committed").path("amount").asLong()).isEqualTo(3000);
            assertThat(budget.path("remaining").path("amount").asLong()).isEqualTo(2000);
            agent.post("/v1/grants", grantFor(2000)).expect(201);
        }

        @Test
        void shouldSendGrantsOverASoftBudgetForApproval() {
            admin.raw("PUT", "/v1/budgets/" + category, "application/json",
                    "{\"amount\": {\"amount\": 1000, \"currency\": \"EUR\"}, \"mode\": \"soft\"}").expect(200);
            JsonNode pending = agent.post("/v1/grants", grantFor(1200)).expect(201);
            JsonNode reason = pending.path("approval").path("reasons").get(0);
            assertThat(reason.path("rule").asText()).isEqualTo("budget");
            assertThat(reason.path("scope").asText()).isEqualTo(category);
            assertThat(budgetOf(category).path("committed").path("amount").asLong()).isEqualTo(1200);
        }

        @Test
        void shouldNeverExceedAHardBudget_WhenGrantsRaceForTheLastOfIt() {
            admin.raw("PUT", "/v1/budgets/" + category, "application/json",
                    "{\"amount\": {\"amount\": 1000, \"currency\": \"EUR\"}, \"mode\": \"hard\"}").expect(200);
            List<Reply> replies = Concurrently.run(30, i -> agent.post("/v1/grants",
                    with(with(pointsGrant(newCustomer(), 100), "agent_id", agentId), "reason_code", reason)));
            assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(10);
            assertThat(replies.stream().filter(r -> r.status() != 201))
                    .allSatisfy(r -> r.expectProblem(422, "budget_exhausted"));
            assertThat(budgetOf(category).path("committed").path("amount").asLong()).isEqualTo(1000);
            Books.assertReconciled(server);
        }

        @Test
        void shouldRefuseApproval_WhenAHardBudgetRanOutMeanwhile() {
            admin.raw("PUT", "/v1/policies/roles/agent", "application/json",
                    "{\"max_grant\": {\"amount\": 500, \"currency\": \"EUR\"}}").expect(200);
            admin.raw("PUT", "/v1/budgets/" + category, "application/json",
                    "{\"amount\": {\"amount\": 5000, \"currency\": \"EUR\"}, \"mode\": \"hard\"}").expect(200);
            String pending = agent.post("/v1/grants", grantFor(900)).expect(201).path("id").asText();
            admin.raw("PUT", "/v1/budgets/" + category, "application/json",
                    "{\"amount\": {\"amount\": 800, \"currency\": \"EUR\"}, \"mode\": \"hard\"}").expect(200);

            supervisor.post("/v1/grants/" + pending + "/approve", Map.of("agent_id", "lead-1"))
                    .expectProblem(422, "budget_exhausted");
            assertThat(agent.get("/v1/grants/" + pending).expect(200).path("status").asText()).isEqualTo("pending_approval");
        }

        @Test
        void shouldFreeTheBudget_WhenAGrantIsRevoked() {
            admin.raw("PUT", "/v1/budgets/" + category, "application/json",
                    "{\"amount\": {\"amount\": 1000, \"currency\": \"EUR\"}, \"mode\": \"hard\"}").expect(200);
            String id = agent.post("/v1/grants", grantFor(1000)).expect(201).path("id").asText();
            supervisor.post("/v1/grants/" + id + "/revoke", Map.of("reason", "mistake")).expect(200);

            assertThat(budgetOf(category).path("committed").path("amount").asLong()).isZero();
            agent.post("/v1/grants", with(grantFor(1000), "case_ref", "other-case")).expect(201);
        }

        @Test
        void shouldCountAPendingGrantAgainstABudgetSetWhileItWaited() {
            admin.raw("PUT", "/v1/policies/roles/agent", "application/json",
                    "{\"max_grant\": {\"amount\": 500, \"currency\": \"EUR\"}}").expect(200);
            String id = agent.post("/v1/grants", grantFor(900)).expect(201).path("id").asText();
            admin.raw("PUT", "/v1/budgets/" + category, "application/json",
                    "{\"amount\": {\"amount\": 500, \"currency\": \"EUR\"}, \"mode\": \"hard\"}").expect(200);

            supervisor.post("/v1/grants/" + id + "/approve", Map.of("agent_id", "lead-1")).expectProblem(422, "budget_exhausted");
            assertThat(budgetOf(category).path("committed").path("amount").asLong()).isZero();

            admin.raw("PUT", "/v1/budgets/" + category, "application/json",
                    "{\"amount\": {\"amount\": 5000, \"currency\": \"EUR\"}, \"mode\": \"hard\"}").expect(200);
            supervisor.post("/v1/grants/" + id + "/approve", Map.of("agent_id", "lead-1")).expect(200);
            assertThat(budgetOf(category).path("committed").path("amount").asLong()).isEqualTo(900);
        }

        @Test
        void shouldSayTheSuggestionWouldBeRefused_WhenAHardBudgetIsShort() {
            admin.patch("/v1/reason-codes/" + reason, Map.of("suggested_reward", Map.of("points", 800))).expect(200);
            admin.raw("PUT", "/v1/budgets/" + category, "application/json",
                    "{\"amount\": {\"amount\": 500, \"currency\": \"EUR\"}, \"mode\": \"hard\"}").expect(200);
            JsonNode allowance = agent.get("/v1/grants/allowance?customer_id=" + customer + "&agent_id=" + agentId
                    + "&reason_code=" + reason).expect(200);
            assertThat(allowance.path("suggested_refused").asBoolean()).isTrue();
            assertThat(allowance.path("suggested_needs_approval").asBoolean()).isFalse();
            agent.post("/v1/grants", with(grantFor(1), "points", null)).expectProblem(422, "budget_exhausted");
        }

        @Test
        void shouldAnswerTheDroppedBudgetAsItWas_LikeEveryDelete() {
            admin.raw("PUT", "/v1/budgets/" + category, "application/json",
                    "{\"amount\": {\"amount\": 5000, \"currency\": \"EUR\"}, \"mode\": \"hard\"}").expect(200);
            agent.post("/v1/grants", grantFor(1200)).expect(201);

            Reply deleted = admin.delete("/v1/budgets/" + category);

            JsonNode was = deleted.expect(200);
            assertThat(deleted.contentType()).startsWith("application/json");
            assertThat(was.path("scope").asText()).isEqualTo(category);
            assertThat(was.path("budget").path("amount").asLong()).isEqualTo(5000);
            assertThat(was.path("mode").asText()).isEqualTo("hard");
            assertThat(was.path("committed").path("amount").asLong()).isEqualTo(1200);
            assertThat(admin.get("/v1/budgets").expect(200)).noneMatch(b -> b.path("scope").asText().equals(category));
            admin.delete("/v1/budgets/" + category).expectProblem(404, "policy_not_found");
        }

        private JsonNode budgetOf(String scope) {
            for (JsonNode budget : admin.get("/v1/budgets").expect(200)) {
                if (budget.path("scope").asText().equals(scope)) {
                    return budget;
                }
            }
            throw new AssertionError("no budget " + scope);
        }
    }

    @Nested
    class Approval {
        @BeforeEach
        void limit() {
            admin.raw("PUT", "/v1/policies/roles/agent", "application/json",
                    "{\"max_grant\": {\"amount\": 500, \"currency\": \"EUR\"}}").expect(200);
        }

        @Test
        void shouldIssueOnApproval_ButNeverByTheAgentWhoAsked() {
            String id = agent.post("/v1/grants", grant(900)).expect(201).path("id").asText();
            supervisor.post("/v1/grants/" + id + "/approve", Map.of("agent_id", agentId)).expectProblem(403, "self_approval");
            agent.post("/v1/grants/" + id + "/approve", Map.of("agent_id", "lead-1")).expectProblem(403, "forbidden");

            JsonNode approved = supervisor.post("/v1/grants/" + id + "/approve",
                    Map.of("agent_id", "lead-1", "note", "fair")).expect(200);

            assertThat(approved.path("status").asText()).isEqualTo("issued");
            assertThat(approved.path("approval").path("decided_by").asText()).isEqualTo("lead-1");
            assertThat(new Checkout(server).available(customer)).isEqualTo(900);
            supervisor.post("/v1/grants/" + id + "/approve", Map.of("agent_id", "lead-1")).expectProblem(409, "grant_not_pending");
            Books.assertReconciled(server);
        }

        @Test
        void shouldRefuseApproval_OnceTheWaitOrTheRewardHasRunOut() {
            String waited = agent.post("/v1/grants", grant(900)).expect(201).path("id").asText();
            String shortLived = agent.post("/v1/grants", with(grant(901), "expires_at",
                    server.clock().instant().plus(Duration.ofHours(1)).toString())).expect(201).path("id").asText();
            server.clock().advance(Duration.ofHours(2));
            supervisor.post("/v1/grants/" + shortLived + "/approve", Map.of("agent_id", "lead-1"))
                    .expectProblem(409, "grant_not_pending");

            server.clock().advance(Duration.ofHours(72));
            supervisor.post("/v1/grants/" + waited + "/approve", Map.of("agent_id", "lead-1"))
                    .expectProblem(409, "grant_not_pending");
        }

        @Test
        void shouldRefuseAgentIdsThatCouldNotBeCountedApart() {
            agent.post("/v1/grants", with(grant(10), "agent_id", "a;b|c")).expectProblem(422, "validation_failed");
            supervisor.post("/v1/grants/grt_x/approve", Map.of("agent_id", "lead 1")).expectProblem(422, "validation_failed");
        }

        @Test
        void shouldRejectWithAReason_AndFreeWhatItCommitted() {
            admin.raw("PUT", "/v1/policies/roles/agent", "application/json",
                    "{\"max_grant\": {\"amount\": 500, \"currency\": \"EUR\"}, \"daily_total\": {\"amount\": 1000, \"currency\": \"EUR\"}}")
                    .expect(200);
            String id = agent.post("/v1/grants", grant(900)).expect(201).path("id").asText();
            supervisor.post("/v1/grants/" + id + "/reject", Map.of("agent_id", "lead-1")).expectProblem(422, "validation_failed");

            JsonNode rejected = supervisor.post("/v1/grants/" + id + "/reject",
                    Map.of("agent_id", "lead-1", "note", "too much")).expect(200);

            assertThat(rejected.path("status").asText()).isEqualTo("rejected");
            assertThat(rejected.path("approval").path("note").asText()).isEqualTo("too much");
            // The 9.00 EUR it had committed against the daily total is free again.
            assertThat(agent.post("/v1/grants", grant(500)).expect(201).path("status").asText()).isEqualTo("issued");
            assertThat(agent.post("/v1/grants", grant(500)).expect(201).path("status").asText()).isEqualTo("issued");
        }

        @Test
        void shouldQueueOldestFirst_AndExpireWhatNobodyDecides() {
            String first = agent.post("/v1/grants", grant(900)).expect(201).path("id").asText();
            String second = agent.post("/v1/grants", grant(901)).expect(201).path("id").asText();
            List<String> queue = new ArrayList<>();
            supervisor.get("/v1/grants?status=pending_approval&customer_id=" + customer).expect(200).path("data")
                    .forEach(g -> queue.add(g.path("id").asText()));
            assertThat(queue).containsExactly(first, second);

            server.clock().advance(Duration.ofHours(73));
            new Checkout(server).runExpiry();

            assertThat(agent.get("/v1/grants/" + first).expect(200).path("status").asText()).isEqualTo("expired");
            supervisor.post("/v1/grants/" + second + "/approve", Map.of("agent_id", "lead-1"))
                    .expectProblem(409, "grant_not_pending");
        }
    }

    @Nested
    class OneComplaintOneCompensation {
        @Test
        void shouldRefuseASecondGrantForTheSameCase_OrSendATopUpForApproval() {
            Map<String, Object> first = grant(100);
            String id = agent.post("/v1/grants", first).expect(201).path("id").asText();

            JsonNode refused = agent.post("/v1/grants", first).expectProblem(409, "already_compensated");
            assertThat(refused.path("earlier_grant_id").asText()).isEqualTo(id);

            JsonNode topUp = agent.post("/v1/grants", with(first, "top_up", true)).expect(201);
            assertThat(topUp.path("status").asText()).isEqualTo("pending_approval");
            assertThat(topUp.path("top_up").asBoolean()).isTrue();
            assertThat(topUp.path("approval").path("reasons").get(0).path("rule").asText()).isEqualTo("top_up");
        }

        @Test
        void shouldUseTheReasonsSuggestedReward_WhenTheGrantLeavesItOut() {
            Map<String, Object> noReward = with(grant(1), "points", null);
            JsonNode grant = agent.post("/v1/grants", noReward).expect(201);
            assertThat(grant.path("points").asLong()).isEqualTo(500); // SHIPPING_DELAY suggests 500 points
        }
    }

    @Nested
    class Allowance {
        @Test
        void shouldAgreeWithWhatAGrantThenDoes() {
            admin.raw("PUT", "/v1/policies/roles/agent", "application/json",
                    "{\"max_grant\": {\"amount\": 2000, \"currency\": \"EUR\"}, \"daily_total\": {\"amount\": 3000, \"currency\": \"EUR\"}}")
                    .expect(200);
            agent.post("/v1/grants", grant(1800)).expect(201);
            String url = "/v1/grants/allowance?customer_id=" + customer + "&agent_id=" + agentId + "&reason_code=SHIPPING_DELAY";

            JsonNode allowance = agent.get(url).expect(200);

            assertThat(allowance.path("max_without_approval").path("amount").asLong()).isEqualTo(1200);
            assertThat(allowance.path("limited_by").asText()).isEqualTo("daily_total");
            assertThat(allowance.path("suggested_reward").path("points").asLong()).isEqualTo(500);
            assertThat(allowance.path("suggested_needs_approval").asBoolean()).isFalse();
            assertThat(allowance.path("recent_goodwill").path("value").path("amount").asLong()).isEqualTo(1800);
            long max = allowance.path("max_without_approval").path("amount").asLong();
            customer = newCustomer();
            assertThat(agent.post("/v1/grants", grant(max)).expect(201).path("status").asText()).isEqualTo("issued");
            assertThat(agent.get(url.replaceFirst("customer_id=[^&]+", "customer_id=" + customer)).expect(200)
                    .path("max_without_approval").path("amount").asLong()).isZero();
            assertThat(agent.post("/v1/grants", grant(1)).expect(201).path("status").asText())
                    .isEqualTo("pending_approval");
        }

        @Test
        void shouldSayACaseWasCompensatedAlready() {
            Map<String, Object> first = grant(100);
            String id = agent.post("/v1/grants", first).expect(201).path("id").asText();
            JsonNode allowance = agent.get("/v1/grants/allowance?customer_id=" + customer + "&agent_id=" + agentId
                    + "&reason_code=SHIPPING_DELAY&case_ref=" + first.get("case_ref")).expect(200);
            assertThat(allowance.path("compensated_by").asText()).isEqualTo(id);
            assertThat(allowance.path("suggested_needs_approval").asBoolean()).isTrue();
            server.as(Role.STOREFRONT).get("/v1/grants/allowance?customer_id=" + customer + "&agent_id=a&reason_code=X")
                    .expectProblem(403, "forbidden");
            agent.get("/v1/grants/allowance?customer_id=" + customer).expectProblem(422, "validation_failed");
        }
    }

    static Map<String, Object> money(long amount) {
        return eur(amount);
    }
}
