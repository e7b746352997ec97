package com.amends.privacy;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static com.amends.testing.Checkout.eur;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Books;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * A customer's data on request: the export holds everything the test made for them, and after
 * their erasure no column of any table holds their id or what was written about them, while the
 * wallet's amounts, the reports and the reconciliation read exactly as before and the audit chain
 * still verifies. Servers of its own: the reports compared are the whole books.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class ErasureApiTest extends OwnServerFixture {
    private static final String SPEND = "/v1/reports/goodwill-spend?from=2026-11-01&to=2026-12-01&group_by=reason";
    private static final String LIABILITY = "/v1/reports/liability";
    private static final String RECONCILIATION = "/v1/reports/reconciliation";

    Api admin;
    Api agent;
    Api shop;
    Api finance;

    @BeforeEach
    void setUp() {
        admin = server.as(Role.ADMIN);
        agent = server.as(Role.AGENT);
        shop = server.as(Role.STOREFRONT);
        finance = server.as(Role.FINANCE);
    }

    /** What the test made for one customer, by id, to find in the export. */
    record Seeded(String customer, String note, List<String> grants, List<String> redemptions, String hold) {}

    /** Points (partly spent, one redemption partly refunded), a voucher spent to the last cent, a captured hold, a campaign credit. */
    private Seeded seedWithNothingOpen() {
        String customer = "erase-me-" + UUID.randomUUID().toString().substring(0, 8);
        String note = "lives at 12 Quiet Lane " + UUID.randomUUID();
        List<String> grants = new ArrayList<>();
        List<String> redemptions = new ArrayList<>();
        grants.add(agent.post("/v1/grants", with(pointsGrant(customer, 1000), "note", note)).expect(201)
                .path("id").asText());
        JsonNode voucher = agent.post("/v1/grants", with(amountVoucherGrant(customer, 1000, "EUR"), "note", note))
                .expect(201);
        grants.add(voucher.path("id").asText());
        redemptions.add(shop.post("/v1/vouchers/" + voucher.path("voucher").path("code").asText() + "/redemptions",
                Map.of("order_ref", "order-1", "amount", eur(1000))).expect(201).path("id").asText());
        String points = shop.post("/v1/customers/" + customer + "/points/redemptions",
                Map.of("order_ref", "order-2", "points", 200)).expect(201).path("id").asText();
        redemptions.add(points);
        shop.post("/v1/redemptions/" + points + "/reversals", Map.of("points", 50, "reason", "refund: " + note))
                .expect(201);
        String hold = shop.post("/v1/holds", Map.of("order_ref", "order-3", "customer_id", customer, "points", 100))
                .expect(201).path("id").asText();
        redemptions.add(shop.post("/v1/holds/" + hold + "/capture", Map.of("points", 60)).expect(200)
                .path("redemption_id").asText());
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", "Storm Bert delays");
        campaign.put("incident_ref", "storm-" + UUID.randomUUID());
        campaign.put("reason_code", "PROACTIVE_APOLOGY");
        campaign.put("agent_id", "lead-2");
        campaign.put("reward", Map.of("points", 300));
        campaign.put("message", Map.of("subject", "Sorry, {{customer_id}}", "body", "Dear {{customer_id}}, ..."));
        Api supervisor = server.as(Role.SUPERVISOR);
        String campaignId = supervisor.post("/v1/campaigns", campaign, null).expect(201).path("id").asText();
        JsonNode batch = supervisor.post("/v1/campaigns/" + campaignId + "/recipients",
                Map.of("recipients", List.of(Map.of("customer_id", customer, "order_ref", "order-4")))).expect(201);
        grants.add(batch.path("results").get(0).path("grant_id").asText());
        return new Seeded(customer, note, grants, redemptions, hold);
    }

    @Test
    void theExport_ShouldHoldEveryGrantRedemptionHoldAndEntry_AsJsonAndCsv() {
        Seeded seeded = seedWithNothingOpen();
        JsonNode export = admin.get("/v1/customers/" + seeded.customer() + "/export").expect(200);

        assertThat(export.path("customer_id").asText()).isEqualTo(seeded.customer());
        assertThat(ids(export.path("grants"), "id")).containsExactlyInAnyOrderElementsOf(seeded.grants());
        assertThat(texts(export.path("grants"), "note")).contains(seeded.note());
        assertThat(ids(export.path("redemptions"), "id")).containsExactlyInAnyOrderElementsOf(seeded.redemptions());
        assertThat(ids(export.path("holds"), "id")).containsExactly(seeded.hold());
        assertThat(export.path("reversals")).hasSize(1);
        assertThat(export.path("wallet").path("points").path("available").asLong()).isEqualTo(1000 - 200 + 50 - 60 + 300);
        // Every entry that moved the customer's value: issue ×3, voucher issue, voucher and points
        // redemptions, the reversal, the hold and its capture.
        List<String> entries = ids(export.path("ledger_entries"), "entry_id").stream().distinct().toList();
        JsonNode journal = finance.get("/v1/customers/" + seeded.customer() + "/ledger?limit=100").expect(200);
        assertThat(entries).containsExactlyInAnyOrderElementsOf(ids(journal.path("data"), "id"));
        assertThat(entries).hasSizeGreaterThanOrEqualTo(8);
        assertThat(texts(export.path("events"), "type")).contains("grant.issued", "voucher.redeemed", "points.redeemed",
                "redemption.reversed", "hold.created", "hold.captured");
        assertThat(export.path("events").get(0).path("payload").isObject()).as("payloads as JSON").isTrue();
        assertThat(export.path("campaign_recipients")).hasSize(1);
        assertThat(texts(export.path("audit_events"), "action")).contains("createGrant", "redeemVoucher", "captureHold");

        Reply csv = admin.raw("GET", "/v1/customers/" + seeded.customer() + "/export?table=grants", null, null,
                "Accept", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.text().split("\r\n");
        assertThat(lines[0]).startsWith("id,customer_id,").contains(",note,");
        assertThat(lines).hasSize(1 + seeded.grants().size());
        assertThat(csv.text()).contains(seeded.note());

        admin.raw("GET", "/v1/customers/" + seeded.customer() + "/export", null, null, "Accept", "text/csv")
                .expectProblem(422, "validation_failed");
        admin.get("/v1/customers/" + seeded.customer() + "/export?table=api_keys").expectProblem(400, "invalid_parameter");
        admin.get("/v1/customers/never-seen-" + UUID.randomUUID() + "/export").expectProblem(404, "customer_not_found");
    }

    @Test
    void anErasure_ShouldLeaveNoTraceOfTheIdOrTheNotes_AndTheBooksExactlyAsTheyWere() {
        Seeded seeded = seedWithNothingOpen();
        seal();
        JsonNode walletBefore = finance.get("/v1/customers/" + seeded.customer()).expect(200);
        List<String> reportsBefore = reports();

        String key = UUID.randomUUID().toString();
        Reply erased = erase(seeded.customer(), key);
        JsonNode erasure = erased.expect(200);
        String pseudonym = erasure.path("id").asText();
        assertThat(pseudonym).matches("erased_[0-9a-f]{32}");
        assertThat(erasure.path("revoked_grants").asInt()).isZero();
        assertThat(erasure.path("erased_grants").asInt()).isEqualTo(3);
        assertThat(erasure.path("audit_redactions").path("events").asLong()).isPositive();
        assertThat(erased.text()).doesNotContain(seeded.customer());

        // The books: the wallet's amounts under the pseudonym, every report to the byte.
        JsonNode walletAfter = finance.get("/v1/customers/" + pseudonym).expect(200);
        JsonNode amountsAfter = ((ObjectNode) walletAfter.deepCopy()).without("customer_id");
        JsonNode amountsBefore = ((ObjectNode) walletBefore.deepCopy()).without("customer_id");
        assertThat(amountsAfter).isEqualTo(amountsBefore);
        assertThat(reports()).isEqualTo(reportsBefore);
        Books.assertReconciled(server);

        // Nothing holds the id or the note, in any text column of any table.
        assertThat(columnsHolding(seeded.customer())).isEmpty();
        assertThat(columnsHolding(seeded.note())).isEmpty();

        // The chain verifies, with the rewritten events it had sealed, and with the erasure's own.
        assertThat(verify().path("valid").asBoolean()).as("%s", verify()).isTrue();
        seal();
        JsonNode verified = verify();
        assertThat(verified.path("valid").asBoolean()).as("%s", verified).isTrue();
        assertThat(verified.path("unsealed_events").asLong()).isZero();
        JsonNode record = admin.get("/v1/audit-events?action=eraseCustomer").expect(200).path("data").get(0);
        assertThat(record.path("target_id").asText()).isEqualTo(pseudonym);
        assertThat(record.toString()).doesNotContain(seeded.customer());

        // The old id is unknown now; the same request answers the same, and so does erasing it again.
        admin.get("/v1/customers/" + seeded.customer() + "/export").expectProblem(404, "customer_not_found");
        finance.get("/v1/customers/" + seeded.customer()).expectProblem(404, "customer_not_found");
        Reply replayed = erase(seeded.customer(), key);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json()).isEqualTo(erasure);
        assertThat(erase(seeded.customer(), UUID.randomUUID().toString()).expect(200)).isEqualTo(erasure);
        assertThat(reports()).isEqualTo(reportsBefore);

        // The pseudonym's export still holds the grants, blanked.
        JsonNode export = admin.get("/v1/customers/" + pseudonym + "/export").expect(200);
        assertThat(ids(export.path("grants"), "id")).containsExactlyInAnyOrderElementsOf(seeded.grants());
        assertThat(texts(export.path("grants"), "case_ref")).containsOnly(Scrubber.ERASED);
        JsonNode events = finance.get("/v1/events?customer_id=" + pseudonym + "&limit=100").expect(200);
        assertThat(texts(events.path("data"), "type")).contains("grant.issued", "customer.erased");
    }

    @Test
    void openVouchersHoldsAndPendingGrants_ShouldBeClosedThroughTheLedger_BeforeTheRewrite() {
        String customer = "erase-open-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode voucher = agent.post("/v1/grants", amountVoucherGrant(customer, 1500, "EUR")).expect(201);
        String code = voucher.path("voucher").path("code").asText();
        shop.post("/v1/vouchers/" + code + "/redemptions", Map.of("order_ref", "o-1", "amount", eur(500))).expect(201);
        agent.post("/v1/grants", pointsGrant(customer, 400)).expect(201);
        shop.post("/v1/holds", Map.of("order_ref", "o-2", "customer_id", customer, "points", 100)).expect(201);
        admin.raw("PUT", "/v1/policies/roles/agent", "application/json", "{\"max_grant\": {\"amount\": 2000, "
                + "\"currency\": \"EUR\"}}").expect(200);
        JsonNode pending = agent.post("/v1/grants", amountVoucherGrant(customer, 3000, "EUR")).expect(201);
        assertThat(pending.path("status").asText()).isEqualTo("pending_approval");
        long revokedBefore = revokedEur();

        JsonNode erasure = erase(customer, UUID.randomUUID().toString()).expect(200);

        assertThat(erasure.path("revoked_grants").asInt()).isEqualTo(1);
        assertThat(erasure.path("released_holds").asInt()).isEqualTo(1);
        assertThat(erasure.path("withdrawn_grants").asInt()).isEqualTo(1);
        String pseudonym = erasure.path("id").asText();
        // The 10.00 EUR left on the voucher went out through the ledger; the points stay, all 400 free again.
        assertThat(revokedEur() - revokedBefore).isEqualTo(1000);
        assertThat(shop.get("/v1/vouchers/" + code).expect(200).path("refusal").asText()).isEqualTo("voucher_revoked");
        JsonNode wallet = finance.get("/v1/customers/" + pseudonym).expect(200);
        assertThat(wallet.path("points").path("available").asLong()).isEqualTo(400);
        assertThat(wallet.path("vouchers")).isEmpty();
        JsonNode events = finance.get("/v1/events?customer_id=" + pseudonym + "&limit=100").expect(200);
        assertThat(texts(events.path("data"), "type")).contains("hold.released", "grant.revoked", "grant.rejected",
                "customer.erased");
        assertThat(events.path("data").get(events.path("data").size() - 1).path("type").asText()).isEqualTo("customer.erased");
        Books.assertReconciled(server);
        assertThat(columnsHolding(customer)).isEmpty();
        seal();
        assertThat(verify().path("valid").asBoolean()).isTrue();
    }

    @Test
    void anIdUsedAgainAfterItsErasure_ShouldBeANewCustomer_WithAPseudonymOfItsOwn() {
        String customer = "erase-again-" + UUID.randomUUID().toString().substring(0, 8);
        erase(customer, UUID.randomUUID().toString()).expectProblem(404, "customer_not_found");
        agent.post("/v1/grants", pointsGrant(customer, 100)).expect(201);
        String first = erase(customer, UUID.randomUUID().toString()).expect(200).path("id").asText();

        String grant = agent.post("/v1/grants", pointsGrant(customer, 70)).expect(201).path("id").asText();
        JsonNode export = admin.get("/v1/customers/" + customer + "/export").expect(200);
        assertThat(ids(export.path("grants"), "id")).containsExactly(grant);
        String second = erase(customer, UUID.randomUUID().toString()).expect(200).path("id").asText();

        assertThat(second).isNotEqualTo(first);
        assertThat(finance.get("/v1/customers/" + first).expect(200).path("points").path("available").asLong())
                .isEqualTo(100);
        assertThat(finance.get("/v1/customers/" + second).expect(200).path("points").path("available").asLong())
                .isEqualTo(70);
        // The latest erasure is what erasing the id again answers.
        assertThat(erase(customer, UUID.randomUUID().toString()).expect(200).path("id").asText())
                .isEqualTo(second);
    }

    @Test
    void aRedactionEditedBehindTheApisBack_ShouldBreakTheChain() {
        Seeded seeded = seedWithNothingOpen();
        seal();
        erase(seeded.customer(), UUID.randomUUID().toString()).expect(200);
        seal();
        assertThat(verify().path("valid").asBoolean()).isTrue();

        String forged = "UPDATE audit_events SET after_state = REPLACE(after_state, '%s', '%s') WHERE id = "
                + "(SELECT MAX(event_id) FROM audit_redactions)";
        server.jdbi().useHandle(h -> h.execute(forged.formatted("erased_", "forged_")));
        try {
            JsonNode verified = verify();
            assertThat(verified.path("valid").asBoolean()).isFalse();
            assertThat(verified.path("first_mismatch").path("problem").asText()).contains("does not match its hash");
        } finally {
            // The other tests of this class share the server and its chain.
            server.jdbi().useHandle(h -> h.execute(forged.formatted("forged_", "erased_")));
        }
        assertThat(verify().path("valid").asBoolean()).isTrue();

        // A redaction row added behind the API's back, covering an event it never rewrote, is caught too.
        server.jdbi().useHandle(h -> h.execute("""
                INSERT INTO audit_redactions (event_id, pseudonym, content_hash)
                SELECT MIN(e.id), (SELECT MIN(pseudonym) FROM audit_redactions), 'feed' FROM audit_events e
                 WHERE e.id NOT IN (SELECT event_id FROM audit_redactions)"""));
        try {
            JsonNode verified = verify();
            assertThat(verified.path("valid").asBoolean()).isFalse();
            assertThat(verified.path("first_mismatch").path("problem").asText()).contains("erasure");
        } finally {
            server.jdbi().useHandle(h -> h.execute("DELETE FROM audit_redactions WHERE content_hash = 'feed'"));
        }
    }

    private Reply erase(String customer, String idempotencyKey) {
        return admin.raw("POST", "/v1/customers/" + customer + "/erase", null, null, "Idempotency-Key", idempotencyKey);
    }

    private List<String> reports() {
        List<String> answers = new ArrayList<>();
        for (String path : List.of(SPEND, LIABILITY, RECONCILIATION)) {
            answers.add(finance.get(path).text());
            answers.add(finance.raw("GET", path, null, null, "Accept", "text/csv").text());
        }
        return answers;
    }

    private long revokedEur() {
        for (JsonNode unit : finance.get(LIABILITY).expect(200).path("units")) {
            if (unit.path("unit").asText().equals("EUR")) {
                return unit.path("revoked").asLong();
            }
        }
        return 0;
    }

    /** Every text column of every table of the application's schema that holds {@code text}, as table.column. */
    private List<String> columnsHolding(String text) {
        return server.jdbi().withHandle(h -> {
            List<Map<String, Object>> columns = h.createQuery("""
                    SELECT table_name, column_name, data_type FROM information_schema.columns
                     WHERE LOWER(table_schema) = LOWER(CURRENT_SCHEMA)
                    """).mapToMap().list();
            List<String> holding = new ArrayList<>();
            int searched = 0;
            for (Map<String, Object> column : columns) {
                String type = String.valueOf(column.get("data_type")).toLowerCase(java.util.Locale.ROOT);
                if (!type.contains("char") && !type.contains("text") && !type.contains("clob")
                        && !type.contains("large object") && !type.contains("json")) {
                    continue;
                }
                String table = String.valueOf(column.get("table_name"));
                String name = String.valueOf(column.get("column_name"));
                searched++;
                long rows = h.createQuery("SELECT COUNT(*) FROM \"" + table + "\" WHERE CAST(\"" + name
                        + "\" AS VARCHAR) LIKE :pattern").bind("pattern", "%" + text + "%").mapTo(Long.class).one();
                if (rows > 0) {
                    holding.add(table + "." + name);
                }
            }
            assertThat(searched).as("text columns searched").isGreaterThan(50);
            return holding;
        });
    }

    private JsonNode verify() {
        return finance.get("/v1/audit-events/verify").expect(200);
    }

    private void seal() {
        assertThat(server.adminPort().raw("POST", "/tasks/seal-audit", null, "").status()).isEqualTo(200);
    }

    private static List<String> ids(JsonNode rows, String field) {
        return texts(rows, field);
    }

    private static List<String> texts(JsonNode rows, String field) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.path(field).asText()));
        return values;
    }
}
