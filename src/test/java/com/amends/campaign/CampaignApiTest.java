package com.amends.campaign;

import static com.amends.testing.Bodies.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Books;
import com.amends.testing.Checkout;
import com.amends.testing.Concurrently;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class CampaignApiTest extends OwnServerFixture {
    Api supervisor;

    @BeforeEach
    void setUp() {
        supervisor = server.as(Role.SUPERVISOR);
    }

    JsonNode campaign(Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Storm Bert delays");
        body.put("incident_ref", "storm-" + UUID.randomUUID());
        body.put("reason_code", "PROACTIVE_APOLOGY");
        body.put("agent_id", "lead-2");
        body.put("reward", Map.of("points", 300));
        body.putAll(extra);
        return supervisor.post("/v1/campaigns", body, null).expect(201);
    }

    static Map<String, Object> batch(String... customers) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String customer : customers) {
            Map<String, Object> row = new HashMap<>();
            row.put("customer_id", customer);
            rows.add(row);
        }
        return Map.of("recipients", rows);
    }

    @Nested
    class Crediting {
        @Test
        void shouldCreditEachCustomerOnce_HoweverOftenTheyAreSent() {
            String id = campaign(Map.of()).path("id").asText();
            String a = newCustomer();
            String b = newCustomer();

            JsonNode first = supervisor.post("/v1/campaigns/" + id + "/recipients", batch(a, b, a)).expect(201);
            assertThat(first.path("status").asText()).isEqualTo("done");
            assertThat(first.path("counts").path("credited").asLong()).isEqualTo(2);
            assertThat(first.path("counts").path("already_credited").asLong()).isEqualTo(1);
            assertThat(first.path("results").get(2).path("status").asText()).isEqualTo("already_credited");

            JsonNode second = supervisor.post("/v1/campaigns/" + id + "/recipients", batch(b)).expect(201);
            assertThat(second.path("results").get(0).path("status").asText()).isEqualTo("already_credited");

            Checkout checkout = new Checkout(server);
            assertThat(checkout.available(a)).isEqualTo(300);
            assertThat(checkout.available(b)).isEqualTo(300);
            JsonNode progress = supervisor.get("/v1/campaigns/" + id).expect(200);
            assertThat(progress.path("counts").path("received").asLong()).isEqualTo(4);
            assertThat(progress.path("counts").path("credited").asLong()).isEqualTo(2);
            assertThat(progress.path("counts").path("skipped").asLong()).isEqualTo(2);
            assertThat(progress.path("cost").path("amount").asLong()).isEqualTo(600); // 300 points = 3.00 EUR each
            assertThat(progress.path("finished_at").asText()).isNotEmpty();
            JsonNode grants = server.as(Role.FINANCE).get("/v1/grants?campaign_id=" + id).expect(200).path("data");
            assertThat(grants).hasSize(2);
            assertThat(grants.get(0).path("channel").asText()).isEqualTo("proactive");
            assertThat(grants.get(0).path("case_ref").asText()).isEqualTo(id);
            JsonNode entry = server.as(Role.FINANCE).get("/v1/customers/" + a + "/ledger").expect(200).path("data").get(0);
            assertThat(entry.path("grant_id").asText()).isEqualTo(first.path("results").get(0).path("grant_id").asText());
            Books.assertReconciled(server);
        }

        @Test
        void shouldCreditOnce_WhenTwoBatchesWithTheSameCustomersArriveTogether() {
            String id = campaign(Map.of()).path("id").asText();
            String[] customers = new String[40];
            for (int i = 0; i < customers.length; i++) {
                customers[i] = newCustomer();
            }
            List<Reply> replies = Concurrently.run(2, i -> supervisor.post("/v1/campaigns/" + id + "/recipients",
                    batch(customers)));
            assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
            long credited = replies.stream().mapToLong(r -> r.json().path("counts").path("credited").asLong()).sum();
            assertThat(credited).isEqualTo(40);
            assertThat(supervisor.get("/v1/campaigns/" + id).expect(200).path("counts").path("credited").asLong())
                    .isEqualTo(40);
            Books.assertReconciled(server);
        }

        @Test
        void shouldAnswerARetriedBatchTheSame() {
            String id = campaign(Map.of()).path("id").asText();
            Map<String, Object> rows = batch(newCustomer(), newCustomer());
            Reply first = supervisor.post("/v1/campaigns/" + id + "/recipients", rows, "batch-" + id);
            Reply again = supervisor.post("/v1/campaigns/" + id + "/recipients", rows, "batch-" + id);
            assertThat(again.text()).isEqualTo(first.text());
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(supervisor.get("/v1/campaigns/" + id).expect(200).path("counts").path("received").asLong())
                    .isEqualTo(2);
        }

        @Test
        void shouldCreditTheGoodRows_AndSayWhatIsWrongWithEachBadOne() {
            String id = campaign(Map.of()).path("id").asText();
            String good = newCustomer();
            JsonNode result = supervisor.post("/v1/campaigns/" + id + "/recipients",
                    batch(good, "bad id", "", "x".repeat(65), "<script>")).expect(201);

            JsonNode rows = result.path("results");
            assertThat(rows.get(0).path("status").asText()).isEqualTo("credited");
            for (int i = 1; i < 5; i++) {
                assertThat(rows.get(i).path("status").asText()).isEqualTo("invalid");
                assertThat(rows.get(i).path("detail").asText()).isNotBlank();
            }
            assertThat(rows.get(3).path("detail").asText()).contains("64");
            assertThat(supervisor.get("/v1/campaigns/" + id).expect(200).path("counts").path("invalid").asLong())
                    .isEqualTo(4);
        }

        @Test
        void shouldReadCsvAsSpreadsheetsWriteIt() {
            String id = campaign(Map.of()).path("id").asText();
            String a = newCustomer();
            String b = newCustomer();
            String c = newCustomer();
            JsonNode result = supervisor.raw("POST", "/v1/campaigns/" + id + "/recipients", "text/csv",
                    "\uFEFFcustomer_id,order_ref\r\n\"" + a + "\",\"order, 1\"\r" + b + "\n" + c + ",o-3\n",
                    "Idempotency-Key", "excel-" + id).expect(201);
            assertThat(result.path("counts").path("credited").asLong()).isEqualTo(3);
            assertThat(result.path("counts").path("invalid").asLong()).isZero();
            assertThat(result.path("counts").path("received").asLong()).isEqualTo(3);
        }

        @Test
        void shouldRefuseNulCharacters_InRowsAndBodies() {
            String id = campaign(Map.of()).path("id").asText();
            // In JSON a NUL is refused with the body, like a value of the wrong type.
            supervisor.post("/v1/campaigns/" + id + "/recipients", Map.of("recipients", List.of(
                    Map.of("customer_id", newCustomer(), "order_ref", "ord\u0000x")))).expectProblem(422, "validation_failed");
            // In CSV it only spoils its own row.
            String good = newCustomer();
            JsonNode result = supervisor.raw("POST", "/v1/campaigns/" + id + "/recipients", "text/csv",
                    good + "\n" + newCustomer() + ",ord\u0000x\nbad\u0000id\n", "Idempotency-Key", "nul-" + id).expect(201);
            assertThat(result.path("counts").path("credited").asLong()).isEqualTo(1);
            assertThat(result.path("counts").path("invalid").asLong()).isEqualTo(2);
            server.as(Role.AGENT).post("/v1/grants", com.amends.testing.Bodies.with(
                    com.amends.testing.Bodies.pointsGrant(newCustomer(), 5), "note", "a\u0000b"))
                    .expectProblem(422, "validation_failed");
        }

        @Test
        void shouldTakeCsv() {
            String id = campaign(Map.of()).path("id").asText();
            String a = newCustomer();
            String b = newCustomer();
            JsonNode result = supervisor.raw("POST", "/v1/campaigns/" + id + "/recipients", "text/csv",
                    "customer_id,order_ref\n" + a + ",order-1\n" + b + "\n\n", "Idempotency-Key", "csv-" + id).expect(201);
            assertThat(result.path("counts").path("credited").asLong()).isEqualTo(2);
            assertThat(result.path("counts").path("invalid").asLong()).isEqualTo(1); // the blank line
        }

        @Test
        void shouldIssueVouchers_AndRevokeWhatNobodySpent() {
            String id = campaign(Map.of("reward", Map.of("voucher", Map.of("type", "amount",
                    "value", Map.of("amount", 500, "currency", "EUR"))))).path("id").asText();
            String spender = newCustomer();
            String idle = newCustomer();
            JsonNode result = supervisor.post("/v1/campaigns/" + id + "/recipients", batch(spender, idle)).expect(201);
            String code = result.path("results").get(0).path("voucher_code").asText();
            assertThat(code).matches("([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}");
            Checkout checkout = new Checkout(server);
            checkout.redeemVoucher(code, 200).expect(201);

            JsonNode asked = supervisor.post("/v1/campaigns/" + id + "/revoke-unused", Map.of()).expect(202);
            assertThat(asked.path("status").asText()).isEqualTo("closed");
            assertThat(server.adminPort().raw("POST", "/tasks/campaigns", null, "").status()).isEqualTo(200);

            JsonNode revocation = supervisor.get("/v1/campaigns/" + id).expect(200).path("revocation");
            assertThat(revocation.path("grants_revoked").asLong()).isEqualTo(2);
            assertThat(revocation.path("finished_at").asText()).isNotEmpty();
            assertThat(checkout.voucher(code).path("status").asText()).isEqualTo("revoked");
            assertThat(checkout.wallet(idle).path("vouchers")).isEmpty();
            Books.assertReconciled(server);
        }
    }

    @Nested
    class Listing {
        @Test
        void shouldListNewestFirst_InPages_AsEachCampaignReadsAlone() {
            String first = campaign(Map.of()).path("id").asText();
            String second = campaign(Map.of()).path("id").asText();
            String third = campaign(Map.of()).path("id").asText();
            supervisor.post("/v1/campaigns/" + second + "/recipients", batch(newCustomer())).expect(201);
            supervisor.post("/v1/campaigns/" + second + "/close", Map.of(), null).expect(200);

            List<JsonNode> all = pages("/v1/campaigns?limit=2");

            List<String> ids = all.stream().map(c -> c.path("id").asText()).toList();
            assertThat(ids).containsSubsequence(third, second, first).doesNotHaveDuplicates();
            assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            Api finance = server.as(Role.FINANCE);
            for (JsonNode listed : all.stream().filter(c -> List.of(first, second, third).contains(c.path("id").asText()))
                    .toList()) {
                assertThat(listed).isEqualTo(finance.get("/v1/campaigns/" + listed.path("id").asText()).expect(200));
            }
            assertThat(all.stream().filter(c -> c.path("id").asText().equals(second)).findFirst().orElseThrow()
                    .path("counts").path("credited").asLong()).isEqualTo(1);
        }

        @Test
        void shouldFilterByStatus_AndRefuseAStatusThereIsNot() {
            String open = campaign(Map.of()).path("id").asText();
            String closed = campaign(Map.of()).path("id").asText();
            supervisor.post("/v1/campaigns/" + closed + "/close", Map.of(), null).expect(200);

            List<JsonNode> closedOnes = pages("/v1/campaigns?status=closed&limit=100");
            List<JsonNode> openOnes = pages("/v1/campaigns?status=open&limit=100");

            assertThat(closedOnes).allMatch(c -> c.path("status").asText().equals("closed"))
                    .anyMatch(c -> c.path("id").asText().equals(closed));
            assertThat(openOnes).allMatch(c -> c.path("status").asText().equals("open"))
                    .anyMatch(c -> c.path("id").asText().equals(open));
            JsonNode problem = supervisor.get("/v1/campaigns?status=finished").expectProblem(400, "invalid_parameter");
            assertThat(problem.path("errors").get(0).path("message").asText()).contains("open, closed");
            supervisor.get("/v1/campaigns?cursor=nonsense").expectProblem(400, "invalid_cursor");
            supervisor.get("/v1/campaigns?limit=0").expectProblem(422, "validation_failed");
        }

        private List<JsonNode> pages(String path) {
            List<JsonNode> all = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = supervisor.get(path + (cursor == null ? "" : "&cursor=" + cursor)).expect(200);
                page.path("data").forEach(all::add);
                cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            } while (cursor != null);
            return all;
        }
    }

    @Nested
    class Limits {
        @Test
        void shouldStopAtTheCostCap_AndSaySo() {
            String id = campaign(Map.of("cost_cap", Map.of("amount", 900, "currency", "EUR"))).path("id").asText();
            JsonNode result = supervisor.post("/v1/campaigns/" + id + "/recipients",
                    batch(newCustomer(), newCustomer(), newCustomer(), newCustomer(), newCustomer())).expect(201);
            assertThat(result.path("counts").path("credited").asLong()).isEqualTo(3);
            assertThat(result.path("counts").path("cost_cap").asLong()).isEqualTo(2);
            assertThat(result.path("results").get(4).path("detail").asText()).contains("cost cap");
            assertThat(supervisor.get("/v1/campaigns/" + id).expect(200).path("cost").path("amount").asLong())
                    .isEqualTo(900);
        }

        @Test
        void shouldGiveARepeatTheSameFateAsItsFirstRow() {
            String id = campaign(Map.of("cost_cap", Map.of("amount", 300, "currency", "EUR"))).path("id").asText();
            String first = newCustomer();
            String second = newCustomer();
            JsonNode result = supervisor.post("/v1/campaigns/" + id + "/recipients", batch(first, second, second))
                    .expect(201);
            assertThat(result.path("results").get(1).path("status").asText()).isEqualTo("cost_cap");
            assertThat(result.path("results").get(2).path("status").asText()).isEqualTo("cost_cap");
        }

        @Test
        void shouldCreditNobody_OnceTheRewardHasExpired() {
            String id = campaign(Map.of("expires_at", server.clock().instant().plusSeconds(3600).toString()))
                    .path("id").asText();
            server.clock().advance(java.time.Duration.ofHours(2));
            supervisor.post("/v1/campaigns/" + id + "/recipients", batch(newCustomer())).expectProblem(409, "campaign_closed");
        }

        @Test
        void shouldPreviewWithoutChangingAnything() {
            String id = campaign(Map.of("cost_cap", Map.of("amount", 600, "currency", "EUR"))).path("id").asText();
            String known = newCustomer();
            supervisor.post("/v1/campaigns/" + id + "/recipients", batch(known)).expect(201);
            Books before = Books.of(server);

            JsonNode preview = supervisor.post("/v1/campaigns/" + id + "/preview",
                    batch(known, newCustomer(), newCustomer(), "bad id"), null).expect(200);

            JsonNode counts = preview.path("counts");
            assertThat(counts.path("received").asLong()).isEqualTo(4);
            assertThat(counts.path("already_credited").asLong()).isEqualTo(1);
            assertThat(counts.path("invalid").asLong()).isEqualTo(1);
            assertThat(preview.path("total_cost").path("amount").asLong()).isEqualTo(600);
            assertThat(counts.path("credited").asLong()).isEqualTo(1);
            assertThat(counts.path("cost_cap").asLong()).isEqualTo(1);
            assertThat(counts.path("skipped").asLong()).isEqualTo(2);
            assertThat(preview.path("breaks").get(0).asText()).contains("cost cap");
            assertThat(Books.of(server)).isEqualTo(before);
        }

        @Test
        void shouldCountABatchAsItsPreviewSaid_InTheWordsTheCampaignUses() {
            String id = campaign(Map.of("cost_cap", Map.of("amount", 900, "currency", "EUR"))).path("id").asText();
            String known = newCustomer();
            supervisor.post("/v1/campaigns/" + id + "/recipients", batch(known)).expect(201);
            String twice = newCustomer();
            Map<String, Object> rows = batch(known, twice, newCustomer(), twice, newCustomer(), "bad id");

            JsonNode preview = supervisor.post("/v1/campaigns/" + id + "/preview", rows, null).expect(200).path("counts");
            JsonNode batch = supervisor.post("/v1/campaigns/" + id + "/recipients", rows).expect(201).path("counts");

            assertThat(preview).isEqualTo(batch);
            assertThat(batch.path("received").asLong()).isEqualTo(6);
            assertThat(batch.path("credited").asLong()).isEqualTo(2);
            assertThat(batch.path("already_credited").asLong()).isEqualTo(2); // known, and twice's second row
            assertThat(batch.path("cost_cap").asLong()).isEqualTo(1);
            assertThat(batch.path("skipped").asLong()).isEqualTo(3);
            assertThat(batch.path("invalid").asLong()).isEqualTo(1);
            JsonNode campaign = supervisor.get("/v1/campaigns/" + id).expect(200).path("counts");
            for (String count : List.of("received", "queued", "credited", "skipped", "invalid")) {
                assertThat(campaign.path(count).asLong()).as(count)
                        .isEqualTo(batch.path(count).asLong() + (count.equals("received") || count.equals("credited") ? 1 : 0));
            }
        }

        @Test
        void shouldRefuseRecipientsOnceClosed_AndOtherRoles() {
            String id = campaign(Map.of()).path("id").asText();
            supervisor.post("/v1/campaigns/" + id + "/close", Map.of(), null).expect(200);
            supervisor.post("/v1/campaigns/" + id + "/recipients", batch(newCustomer())).expectProblem(409, "campaign_closed");
            server.as(Role.AGENT).post("/v1/campaigns/" + id + "/recipients", batch(newCustomer()))
                    .expectProblem(403, "forbidden");
            supervisor.get("/v1/campaigns/cmp_nope").expectProblem(404, "campaign_not_found");
            supervisor.post("/v1/campaigns", Map.of("name", "x"), null).expectProblem(422, "validation_failed");
            supervisor.post("/v1/campaigns/" + id + "/recipients", Map.of("recipients", List.of()))
                    .expectProblem(422, "validation_failed");
        }
    }
}
