package com.amends.grant;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.percentVoucherGrant;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Books;
import com.amends.testing.Concurrently;
import com.amends.testing.Reply;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class GrantApiTest {
    @Parameter
    TestServer server;

    Api agent;
    String customer;

    @BeforeEach
    void setUp() {
        agent = server.as(Role.AGENT);
        customer = newCustomer();
    }

    @Nested
    class IssuingPoints {
        @Test
        void shouldCreditTheWalletAndJournal_WhenAnAgentGrantsPoints() {
            JsonNode grant = agent.post("/v1/grants", pointsGrant(customer, 500)).expect(201);

            assertThat(grant.path("id").asText()).startsWith("grt_");
            assertThat(grant.path("status").asText()).isEqualTo("issued");
            assertThat(grant.path("points").asLong()).isEqualTo(500);
            assertThat(grant.path("customer_id").asText()).isEqualTo(customer);
            assertThat(grant.path("reason_code").asText()).isEqualTo("SHIPPING_DELAY");
            assertThat(grant.path("channel").asText()).isEqualTo("email");
            // SHIPPING_DELAY's default validity is 365 days
            assertThat(Instant.parse(grant.path("expires_at").asText()))
                    .isEqualTo(server.clock().instant().plus(Duration.ofDays(365)));

            JsonNode wallet = agent.get("/v1/customers/" + customer).expect(200);
            assertThat(wallet.path("points").path("available").asLong()).isEqualTo(500);
            assertThat(wallet.path("goodwill").path("grants").asLong()).isEqualTo(1);
            assertThat(wallet.path("goodwill").path("points").asLong()).isEqualTo(500);

            JsonNode entry = agent.get("/v1/customers/" + customer + "/ledger").expect(200).path("data").get(0);
            assertThat(entry.path("kind").asText()).isEqualTo("grant_issued");
            assertThat(entry.path("grant_id").asText()).isEqualTo(grant.path("id").asText());
            assertThat(entry.path("postings")).hasSize(2);
            assertThat(sum(entry.path("postings"))).isZero();
            JsonNode walletPosting = posting(entry, "points:" + customer);
            assertThat(walletPosting.path("amount").asLong()).isEqualTo(500);
            assertThat(walletPosting.path("balance_after").asLong()).isEqualTo(500);
            assertThat(posting(entry, "goodwill:SHIPPING_DELAY").path("amount").asLong()).isEqualTo(-500);
            Books.assertReconciled(server);
        }

        @Test
        void shouldShowPointsExpiringWithin30Days_WhenALotExpiresSoon() {
            Instant soon = server.clock().instant().plus(Duration.ofDays(10));
            agent.post("/v1/grants", with(pointsGrant(customer, 200), "expires_at", soon.toString())).expect(201);
            agent.post("/v1/grants", pointsGrant(customer, 300)).expect(201);

            JsonNode points = agent.get("/v1/customers/" + customer).expect(200).path("points");
            assertThat(points.path("available").asLong()).isEqualTo(500);
            assertThat(points.path("expiring_soon").asLong()).isEqualTo(200);
        }

        @Test
        void shouldKeepTheBalanceExact_When50GrantsArriveAtOnce() {
            List<Integer> statuses = Concurrently.run(50,
                    i -> agent.post("/v1/grants", pointsGrant(customer, i + 1)).status());
            long expected = 50 * 51 / 2;
            assertThat(statuses).hasSize(50).containsOnly(201);
            JsonNode wallet = agent.get("/v1/customers/" + customer).expect(200);
            assertThat(wallet.path("points").path("available").asLong()).isEqualTo(expected);
            assertThat(wallet.path("goodwill").path("grants").asLong()).isEqualTo(50);
            Books.assertReconciled(server);
        }
    }

    @Nested
    class IssuingVouchers {
        @Test
        void shouldIssueAReadableCode_WhenAnAgentGrantsAnAmountVoucher() {
            JsonNode grant = agent.post("/v1/grants", amountVoucherGrant(customer, 1000, "EUR")).expect(201);

            JsonNode voucher = grant.path("voucher");
            assertThat(voucher.path("code").asText()).matches("([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}");
            assertThat(voucher.path("type").asText()).isEqualTo("amount");
            assertThat(voucher.path("status").asText()).isEqualTo("active");
            assertThat(voucher.path("value").path("amount").asLong()).isEqualTo(1000);
            assertThat(voucher.path("remaining").path("amount").asLong()).isEqualTo(1000);
            assertThat(voucher.path("remaining").path("currency").asText()).isEqualTo("EUR");
            assertThat(grant.has("points")).isFalse();

            JsonNode wallet = agent.get("/v1/customers/" + customer).expect(200);
            assertThat(wallet.path("vouchers")).hasSize(1);
            assertThat(wallet.path("vouchers").get(0).path("code").asText()).isEqualTo(voucher.path("code").asText());
            assertThat(wallet.path("goodwill").path("voucher_value").get(0).path("amount").asLong()).isEqualTo(1000);
            JsonNode entry = agent.get("/v1/customers/" + customer + "/ledger").expect(200).path("data").get(0);
            assertThat(posting(entry, "voucher:" + voucher.path("id").asText()).path("balance_after").asLong())
                    .isEqualTo(1000);
            assertThat(posting(entry, "goodwill:DAMAGED_ITEM").path("unit").asText()).isEqualTo("EUR");
            Books.assertReconciled(server);
        }

        @Test
        void shouldIssueWithoutMovingValue_WhenTheVoucherIsAPercentage() {
            Books before = Books.of(server);
            JsonNode voucher = agent.post("/v1/grants", percentVoucherGrant(customer, 15, 2000)).expect(201).path("voucher");

            assertThat(voucher.path("type").asText()).isEqualTo("percent");
            assertThat(voucher.path("percent_off").asInt()).isEqualTo(15);
            assertThat(voucher.path("max_discount").path("amount").asLong()).isEqualTo(2000);
            assertThat(voucher.has("remaining")).isFalse();
            assertThat(Books.of(server).entries()).isEqualTo(before.entries());
            assertThat(agent.get("/v1/customers/" + customer).expect(200).path("vouchers")).hasSize(1);
        }
    }

    @Nested
    class Refusals {
        @Test
        void shouldChangeNothing_WhenTheRequestIsRefused() {
            agent.post("/v1/grants", pointsGrant(customer, 100)).expect(201);
            Books before = Books.of(server);
            Map<String, Object> valid = pointsGrant(customer, 100);

            agent.post("/v1/grants", with(valid, "reason_code", "NO_SUCH_REASON")).expectProblem(422, "reason_code_unknown");
            agent.post("/v1/grants", with(valid, "voucher", Map.of("type", "amount",
                    "value", Map.of("amount", 100, "currency", "EUR")))).expectProblem(422, "validation_failed");
            agent.post("/v1/grants", with(valid, "points", 0)).expectProblem(422, "validation_failed");
            agent.post("/v1/grants", with(valid, "points", -5)).expectProblem(422, "validation_failed");
            agent.post("/v1/grants", with(valid, "points", "500")).expectProblem(422, "validation_failed");
            agent.post("/v1/grants", with(valid, "points", 1.5)).expectProblem(422, "validation_failed");
            agent.post("/v1/grants", with(valid, "customer_id", "x".repeat(65))).expectProblem(422, "validation_failed");
            agent.post("/v1/grants", with(valid, "customer_id", "bad id")).expectProblem(422, "validation_failed");
            agent.post("/v1/grants", with(valid, "channel", "fax")).expectProblem(422, "validation_failed");
            agent.post("/v1/grants", with(valid, "surprise", 1)).expectProblem(422, "validation_failed");
            agent.post("/v1/grants", with(valid, "expires_at", "2020-01-01T00:00:00Z")).expectProblem(422, "validation_failed");
            agent.post("/v1/grants", "{\"customer_id\": ").expectProblem(400, "malformed_json");
            agent.post("/v1/grants", valid, null).expectProblem(400, "idempotency_key_missing");
            server.as(Role.STOREFRONT).post("/v1/grants", valid).expectProblem(403, "forbidden");
            server.as(Role.FINANCE).post("/v1/grants", valid).expectProblem(403, "forbidden");
            server.as(Role.ADMIN).post("/v1/grants", valid).expectProblem(403, "forbidden");
            server.withSecret(null).post("/v1/grants", valid).expectProblem(401, "unauthorized");
            server.withSecret("sk_nonsense").post("/v1/grants", valid).expectProblem(401, "unauthorized");

            assertThat(Books.of(server)).isEqualTo(before);
        }

        @Test
        void shouldNameEachBadField_WhenSeveralAreWrong() {
            JsonNode problem = agent.post("/v1/grants", Map.of("points", 5)).expectProblem(422, "validation_failed");
            List<String> fields = new ArrayList<>();
            problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            assertThat(fields).contains("customer_id", "agent_id", "reason_code", "case_ref", "channel");
        }

        @Test
        void shouldRefuseMismatchedVoucherTerms() {
            Map<String, Object> base = pointsGrant(customer, 1);
            base.remove("points");
            agent.post("/v1/grants", with(base, "voucher", Map.of("type", "amount"))).expectProblem(422, "validation_failed");
            agent.post("/v1/grants", with(base, "voucher", Map.of("type", "percent", "percent_off", 150)))
                    .expectProblem(422, "validation_failed");
            agent.post("/v1/grants", with(base, "voucher", Map.of("type", "amount",
                    "value", Map.of("amount", 100, "currency", "XYZ")))).expectProblem(422, "validation_failed");
            agent.post("/v1/grants", with(base, "voucher", Map.of("type", "amount",
                    "value", Map.of("amount", 0, "currency", "EUR")))).expectProblem(422, "validation_failed");
            JsonNode problem = agent.post("/v1/grants", with(base, "voucher", Map.of("type", "percent", "percent_off", 10,
                    "value", Map.of("amount", 100, "currency", "EUR")))).expectProblem(422, "validation_failed");
            assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("voucher.value");
        }

        @Test
        void shouldRefuseARetiredReasonCode() {
            Api admin = server.as(Role.ADMIN);
            String code = "RETIRED_" + Long.toString(System.nanoTime(), 36).toUpperCase();
            admin.post("/v1/reason-codes", Map.of("code", code, "name", "Old", "category", "service",
                    "default_validity_days", 30)).expect(201);
            admin.patch("/v1/reason-codes/" + code, Map.of("active", false)).expect(200);

            agent.post("/v1/grants", with(pointsGrant(customer, 10), "reason_code", code))
                    .expectProblem(422, "reason_code_inactive");
        }
    }

    @Nested
    class Reading {
        @Test
        void shouldFindAGrantById_AndRefuseAnUnknownOne() {
            String id = agent.post("/v1/grants", pointsGrant(customer, 10)).expect(201).path("id").asText();
            assertThat(server.as(Role.FINANCE).get("/v1/grants/" + id).expect(200).path("points").asLong()).isEqualTo(10);
            agent.get("/v1/grants/grt_nope").expectProblem(404, "grant_not_found");
            server.as(Role.STOREFRONT).get("/v1/grants/" + id).expectProblem(403, "forbidden");
        }

        @Test
        void shouldPageThroughACustomersGrantsNewestFirst() {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(agent.post("/v1/grants", pointsGrant(customer, 10 + i)).expect(201).path("id").asText());
            }
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonNode page = agent.get("/v1/grants?customer_id=" + customer + "&limit=2"
                        + (cursor == null ? "" : "&cursor=" + cursor)).expect(200);
                page.path("data").forEach(g -> seen.add(g.path("id").asText()));
                cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(3);
            java.util.Collections.reverse(ids);
            assertThat(seen).containsExactlyElementsOf(ids);
        }

        @Test
        void shouldFilterByReasonAgentStatusAndTime() {
            agent.post("/v1/grants", pointsGrant(customer, 10)).expect(201);
            agent.post("/v1/grants", with(amountVoucherGrant(customer, 500, "EUR"), "agent_id", "agent-9")).expect(201);
            String base = "/v1/grants?customer_id=" + customer;

            assertThat(agent.get(base + "&reason_code=DAMAGED_ITEM").expect(200).path("data")).hasSize(1);
            assertThat(agent.get(base + "&agent_id=agent-9").expect(200).path("data")).hasSize(1);
            assertThat(agent.get(base + "&status=issued").expect(200).path("data")).hasSize(2);
            assertThat(agent.get(base + "&status=revoked").expect(200).path("data")).isEmpty();
            Instant now = server.clock().instant();
            assertThat(agent.get(base + "&from=" + now).expect(200).path("data")).hasSize(2);
            assertThat(agent.get(base + "&to=" + now).expect(200).path("data")).isEmpty();
            agent.get(base + "&status=lost").expectProblem(400, "invalid_parameter");
            JsonNode typo = agent.get(base + "&reason_code=DAMAGED_ITEMS").expectProblem(400, "invalid_parameter");
            assertThat(typo.path("errors").get(0).path("message").asText()).contains("/v1/reason-codes");
            assertThat(agent.get(base + "&reason_code=WRONG_ITEM").expect(200).path("data")).isEmpty();
            JsonNode vague = agent.get(base + "&from=yesterday").expectProblem(400, "invalid_parameter");
            assertThat(vague.path("detail").asText()).as("the refusal says the forms there are")
                    .contains("2026-11-01T09:30:00Z").contains("2026-11-01");
            assertThat(vague.path("errors").get(0).path("field").asText()).isEqualTo("from");
            agent.get(base + "&to=2026-11-01T09:30").expectProblem(400, "invalid_parameter");
            java.time.LocalDate today = now.atZone(java.time.ZoneOffset.UTC).toLocalDate();
            assertThat(agent.get(base + "&from=" + today).expect(200).path("data")).as("a date is the start of its day")
                    .hasSize(2);
            assertThat(agent.get(base + "&to=" + today).expect(200).path("data")).as("an end date leaves its day out")
                    .isEmpty();
            assertThat(agent.get(base + "&from=" + today + "&to=" + today.plusDays(1)).expect(200).path("data")).hasSize(2);
            assertThat(agent.get(base + "&from=" + today.plusDays(1)).expect(200).path("data")).isEmpty();
            agent.get(base + "&limit=0").expectProblem(422, "validation_failed");
            agent.get(base + "&limit=101").expectProblem(422, "validation_failed");
            agent.get(base + "&cursor=not-a-cursor").expectProblem(400, "invalid_cursor");
        }
        @Test
        void shouldPageThroughOneAgentsGrantsAcrossCustomersNewestFirst() {
            String agentId = "agent-" + UUID.randomUUID().toString().substring(0, 8);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(agent.post("/v1/grants", with(pointsGrant(newCustomer(), 10), "agent_id", agentId))
                        .expect(201).path("id").asText());
            }
            JsonNode first = agent.get("/v1/grants?agent_id=" + agentId + "&limit=2").expect(200);
            JsonNode second = agent.get("/v1/grants?agent_id=" + agentId + "&limit=2&cursor="
                    + first.path("next_cursor").asText()).expect(200);

            List<String> seen = new ArrayList<>();
            first.path("data").forEach(g -> seen.add(g.path("id").asText()));
            second.path("data").forEach(g -> seen.add(g.path("id").asText()));
            java.util.Collections.reverse(ids);
            assertThat(seen).containsExactlyElementsOf(ids);
            assertThat(second.path("next_cursor").isNull()).isTrue();
        }
    }

    @Nested
    class Revoking {
        @Test
        void shouldTakeUnspentPointsBack_WhenASupervisorRevokes() {
            String id = agent.post("/v1/grants", pointsGrant(customer, 400)).expect(201).path("id").asText();
            agent.post("/v1/grants", pointsGrant(customer, 100)).expect(201);

            JsonNode revoked = server.as(Role.SUPERVISOR).post("/v1/grants/" + id + "/revoke",
                    Map.of("reason", "wrong customer")).expect(200);

            assertThat(revoked.path("status").asText()).isEqualTo("revoked");
            assertThat(revoked.path("revocation").path("points").asLong()).isEqualTo(400);
            assertThat(revoked.path("revocation").path("reason").asText()).isEqualTo("wrong customer");
            assertThat(agent.get("/v1/customers/" + customer).expect(200).path("points").path("available").asLong())
                    .isEqualTo(100);
            JsonNode entry = agent.get("/v1/customers/" + customer + "/ledger").expect(200).path("data").get(0);
            assertThat(entry.path("kind").asText()).isEqualTo("grant_revoked");
            assertThat(posting(entry, "revoked").path("amount").asLong()).isEqualTo(400);
            assertThat(posting(entry, "points:" + customer).path("balance_after").asLong()).isEqualTo(100);
            Books.assertReconciled(server);
        }

        @Test
        void shouldEmptyAVoucher_WhenItsGrantIsRevoked() {
            JsonNode grant = agent.post("/v1/grants", amountVoucherGrant(customer, 2500, "EUR")).expect(201);

            JsonNode revoked = server.as(Role.SUPERVISOR).post("/v1/grants/" + grant.path("id").asText() + "/revoke",
                    Map.of("reason", "duplicate")).expect(200);

            assertThat(revoked.path("revocation").path("value").path("amount").asLong()).isEqualTo(2500);
            assertThat(revoked.path("voucher").path("status").asText()).isEqualTo("revoked");
            assertThat(revoked.path("voucher").path("remaining").path("amount").asLong()).isZero();
            assertThat(agent.get("/v1/customers/" + customer).expect(200).path("vouchers")).isEmpty();
            Books.assertReconciled(server);
        }

        @Test
        void shouldRefuseToRevokeTwice_AndRefuseAgents() {
            String id = agent.post("/v1/grants", pointsGrant(customer, 10)).expect(201).path("id").asText();
            Api supervisor = server.as(Role.SUPERVISOR);
            agent.post("/v1/grants/" + id + "/revoke", Map.of("reason", "x")).expectProblem(403, "forbidden");
            supervisor.post("/v1/grants/" + id + "/revoke", Map.of("reason", "x")).expect(200);
            Books before = Books.of(server);

            supervisor.post("/v1/grants/" + id + "/revoke", Map.of("reason", "x")).expectProblem(409, "grant_not_revocable");
            supervisor.post("/v1/grants/grt_unknown/revoke", Map.of("reason", "x")).expectProblem(404, "grant_not_found");
            supervisor.post("/v1/grants/" + id + "/revoke", Map.of()).expectProblem(422, "validation_failed");
            assertThat(Books.of(server)).isEqualTo(before);
        }
    }

    @Nested
    class Idempotency {
        @Test
        void shouldAnswerTheSameAndGrantOnce_WhenARequestIsRetried() {
            Map<String, Object> body = pointsGrant(customer, 250);
            Reply first = agent.post("/v1/grants", body, "retry-" + customer);
            Reply second = agent.post("/v1/grants", body, "retry-" + customer);

            assertThat(first.status()).isEqualTo(201);
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.text()).isEqualTo(first.text());
            assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(first.header("Idempotent-Replayed")).isNull();
            assertThat(agent.get("/v1/customers/" + customer).expect(200).path("points").path("available").asLong())
                    .isEqualTo(250);
        }

        @Test
        void shouldRefuseTheKey_WhenItComesBackWithAnotherBody() {
            agent.post("/v1/grants", pointsGrant(customer, 250), "reuse-" + customer).expect(201);
            agent.post("/v1/grants", pointsGrant(customer, 999), "reuse-" + customer)
                    .expectProblem(422, "idempotency_key_reused");
            assertThat(agent.get("/v1/customers/" + customer).expect(200).path("points").path("available").asLong())
                    .isEqualTo(250);
        }

        @Test
        void shouldKeepKeysApartPerApiKey() {
            agent.post("/v1/grants", pointsGrant(customer, 5), "shared-" + customer).expect(201);
            server.as(Role.SUPERVISOR).post("/v1/grants", pointsGrant(customer, 5), "shared-" + customer).expect(201);
            assertThat(agent.get("/v1/customers/" + customer).expect(200).path("points").path("available").asLong())
                    .isEqualTo(10);
        }

        @Test
        void shouldReplayARefusal_WhenTheRefusedRequestIsRetried() {
            Map<String, Object> body = with(pointsGrant(customer, 5), "reason_code", "NOT_A_REASON");
            Reply first = agent.post("/v1/grants", body, "refused-" + customer);
            Reply second = agent.post("/v1/grants", body, "refused-" + customer);
            first.expectProblem(422, "reason_code_unknown");
            second.expectProblem(422, "reason_code_unknown");
            assertThat(second.text()).isEqualTo(first.text());
        }

        @Test
        void shouldGrantExactlyOnce_When20ClientsSendOneKeyAtOnce() {
            Map<String, Object> body = pointsGrant(customer, 700);
            String key = "burst-" + customer;
            List<String> answers = Concurrently.run(20, i -> {
                // A client that is told the first request is still running waits and retries.
                for (int attempt = 0; attempt < 500; attempt++) {
                    Reply reply = agent.post("/v1/grants", body, key);
                    if (reply.status() != 409) {
                        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
                        return reply.text();
                    }
                    assertThat(reply.json().path("code").asText()).isEqualTo("idempotency_key_in_use");
                    assertThat(reply.header("Retry-After")).isEqualTo("1");
                    sleep(10);
                }
                throw new AssertionError("still in use after 500 tries");
            });
            assertThat(answers).hasSize(20);
            assertThat(answers.stream().distinct()).hasSize(1);
            JsonNode grants = agent.get("/v1/grants?customer_id=" + customer).expect(200).path("data");
            assertThat(grants).hasSize(1);
            assertThat(agent.get("/v1/customers/" + customer).expect(200).path("points").path("available").asLong())
                    .isEqualTo(700);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long sum(JsonNode postings) {
        long total = 0;
        for (JsonNode posting : postings) {
            total += posting.path("amount").asLong();
        }
        return total;
    }

    static JsonNode posting(JsonNode entry, String account) {
        for (JsonNode posting : entry.path("postings")) {
            if (posting.path("account").asText().equals(account)) {
                return posting;
            }
        }
        throw new AssertionError("no posting to " + account + " in " + entry);
    }
}
