package com.amends.policy;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.percentVoucherGrant;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Checkout;
import com.amends.testing.OwnServerFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wallet's goodwill figures and the customer cap read running totals, kept as grants change.
 * Here they are checked against the grants themselves after every kind of change, the cap's
 * window to the second across the day it starts in, and the migration's backfill against the
 * totals the running code kept.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class GoodwillTotalsApiTest extends OwnServerFixture {
    @Test
    void shouldCountTheCapsWindowToTheSecond_IncludingThePartOfTheDayItStartsIn() {
        Api admin = server.as(Role.ADMIN);
        Api agent = server.as(Role.AGENT);
        String customer = newCustomer();
        Instant dayStart = server.clock().instant().atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        moveTo(dayStart.plus(Duration.ofHours(22)));
        agent.post("/v1/grants", pointsGrant(customer, 1500)).expect(201); // 15.00 EUR
        moveTo(dayStart.plus(Duration.ofHours(25)));
        agent.post("/v1/grants", pointsGrant(customer, 300)).expect(201); // 3.00 EUR, on the next day
        admin.raw("PUT", "/v1/policies/customer-cap", "application/json",
                "{\"amount\": {\"amount\": 10000, \"currency\": \"EUR\"}, \"window_days\": 30}").expect(200);
        try {
            moveTo(dayStart.plus(Duration.ofDays(30)).plus(Duration.ofHours(22)).minusSeconds(1));
            assertThat(roomUnderCap(customer)).as("both grants are in the window").isEqualTo(10000 - 1800);
            moveTo(dayStart.plus(Duration.ofDays(30)).plus(Duration.ofHours(22)).plusSeconds(1));
            assertThat(roomUnderCap(customer)).as("the first left it a second ago").isEqualTo(10000 - 300);
            moveTo(dayStart.plus(Duration.ofDays(31)).plus(Duration.ofHours(1)).minusSeconds(1));
            assertThat(roomUnderCap(customer)).as("the window starts inside the second grant's day, before it")
                    .isEqualTo(10000 - 300);
            moveTo(dayStart.plus(Duration.ofDays(31)).plus(Duration.ofHours(1)).plusSeconds(1));
            assertThat(roomUnderCap(customer)).isEqualTo(10000);
        } finally {
            server.as(Role.ADMIN).delete("/v1/policies/customer-cap").expect(200);
        }
    }

    @Test
    void shouldKeepTheWalletsGoodwillThroughEveryChangeOfAGrant_AndRebuildTheSameTotalsInTheMigration()
            throws IOException {
        Api admin = server.as(Role.ADMIN);
        Api agent = server.as(Role.AGENT);
        Api supervisor = server.as(Role.SUPERVISOR);
        String customer = newCustomer();
        String other = newCustomer();

        String points = agent.post("/v1/grants", pointsGrant(customer, 500)).expect(201).path("id").asText();
        agent.post("/v1/grants", pointsGrant(other, 40)).expect(201);
        checkWallet(customer);
        agent.post("/v1/grants", amountVoucherGrant(customer, 2_000, "EUR")).expect(201);
        agent.post("/v1/grants", amountVoucherGrant(customer, 700, "GBP")).expect(201);
        agent.post("/v1/grants", percentVoucherGrant(customer, 10, 500)).expect(201);
        checkWallet(customer);

        admin.raw("PUT", "/v1/policies/roles/agent", "application/json",
                "{\"max_grant\": {\"amount\": 1000, \"currency\": \"EUR\"}}").expect(200);
        try {
            String approved = pending(agent, customer, 1_500);
            String rejected = pending(agent, customer, 1_600);
            String expired = pending(agent, customer, 1_700);
            checkWallet(customer);
            supervisor.post("/v1/grants/" + approved + "/approve", Map.of("agent_id", "lead-1")).expect(200);
            checkWallet(customer);
            supervisor.post("/v1/grants/" + rejected + "/reject", Map.of("agent_id", "lead-1", "note", "too much"))
                    .expect(200);
            checkWallet(customer);
            server.clock().advance(Duration.ofHours(73));
            new Checkout(server).runExpiry();
            assertThat(agent.get("/v1/grants/" + expired).expect(200).path("status").asText()).isEqualTo("expired");
            checkWallet(customer);
        } finally {
            admin.raw("PUT", "/v1/policies/roles/agent", "application/json", "{}").expect(200);
        }

        supervisor.post("/v1/grants/" + points + "/revoke", Map.of("reason", "given by mistake")).expect(200);
        checkWallet(customer);
        String campaign = supervisor.post("/v1/campaigns", Map.of("name", "Storm", "incident_ref",
                "storm-" + UUID.randomUUID(), "reason_code", "PROACTIVE_APOLOGY", "agent_id", "lead-2",
                "reward", Map.of("points", 300)), null).expect(201).path("id").asText();
        supervisor.post("/v1/campaigns/" + campaign + "/recipients", Map.of("recipients",
                List.of(Map.of("customer_id", customer), Map.of("customer_id", other)))).expect(201);
        checkWallet(customer);
        checkWallet(other);

        server.clock().advance(Duration.ofDays(91));
        checkWallet(customer);

        Map<String, List<String>> kept = totalsTables();
        rebuildFromMigration();
        assertThat(totalsTables()).as("the migration's backfill rebuilds what the running code kept")
                .isEqualTo(kept);
        assertThat(kept.get("goodwill_totals")).isNotEmpty();
    }

    private static String pending(Api agent, String customer, long points) {
        JsonNode grant = agent.post("/v1/grants", pointsGrant(customer, points)).expect(201);
        assertThat(grant.path("status").asText()).isEqualTo("pending_approval");
        return grant.path("id").asText();
    }

    /** The wallet's goodwill against the same figures worked out from the customer's grants. */
    private void checkWallet(String customer) {
        long grants = 0;
        long points = 0;
        Map<String, Long> voucherValue = new TreeMap<>();
        long recentGrants = 0;
        long recentValue = 0;
        Instant since = server.clock().instant().minus(Duration.ofDays(90));
        for (JsonNode grant : allGrants(customer)) {
            String status = grant.path("status").asText();
            JsonNode reward = grant.path("reward");
            if (status.equals("issued") || status.equals("revoked")) {
                grants++;
                points += reward.path("points").asLong();
                JsonNode voucher = reward.path("voucher");
                if (voucher.path("type").asText().equals("amount")) {
                    voucherValue.merge(voucher.path("value").path("currency").asText(),
                            voucher.path("value").path("amount").asLong(), Long::sum);
                }
            }
            if ((status.equals("issued") || status.equals("pending_approval"))
                    && Instant.parse(grant.path("created_at").asText()).isAfter(since)) {
                recentGrants++;
                recentValue += grant.path("value").path("amount").asLong();
            }
        }
        JsonNode goodwill = new Checkout(server).wallet(customer).path("goodwill");
        Map<String, Long> shown = new TreeMap<>();
        goodwill.path("voucher_value").forEach(v -> shown.put(v.path("currency").asText(), v.path("amount").asLong()));
        assertThat(goodwill.path("grants").asLong()).as("grants").isEqualTo(grants);
        assertThat(goodwill.path("points").asLong()).as("points").isEqualTo(points);
        assertThat(shown).as("voucher value").isEqualTo(voucherValue);
        assertThat(goodwill.path("last_ninety_days").path("grants").asLong()).as("recent grants").isEqualTo(recentGrants);
        assertThat(goodwill.path("last_ninety_days").path("value").path("amount").asLong()).as("recent value")
                .isEqualTo(recentValue);
    }

    private List<JsonNode> allGrants(String customer) {
        List<JsonNode> grants = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = server.as(Role.FINANCE).get("/v1/grants?limit=100&customer_id=" + customer
                    + (cursor == null ? "" : "&cursor=" + cursor)).expect(200);
            page.path("data").forEach(grants::add);
            cursor = page.path("has_more").asBoolean() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return grants;
    }

    private long roomUnderCap(String customer) {
        JsonNode allowance = server.as(Role.AGENT).get("/v1/grants/allowance?customer_id=" + customer
                + "&agent_id=agent-7&reason_code=SHIPPING_DELAY").expect(200);
        assertThat(allowance.path("limited_by").asText()).isEqualTo("customer_cap");
        return allowance.path("max_without_approval").path("amount").asLong();
    }

    private void moveTo(Instant at) {
        server.clock().advance(Duration.between(server.clock().instant(), at));
    }

    private Map<String, List<String>> totalsTables() {
        return server.jdbi().withHandle(h -> Map.of(
                "goodwill_totals", h.createQuery("SELECT customer_id, unit, grants, amount FROM goodwill_totals"
                        + " WHERE grants <> 0 ORDER BY customer_id, unit").map((rs, ctx) -> rs.getString(1) + " "
                        + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getLong(4)).list(),
                "goodwill_days", h.createQuery("SELECT customer_id, granted_on, grants, value_amount FROM goodwill_days"
                        + " WHERE grants <> 0 ORDER BY customer_id, granted_on").map((rs, ctx) -> rs.getString(1) + " "
                        + rs.getDate(2).toLocalDate() + " " + rs.getLong(3) + " " + rs.getLong(4)).list()));
    }

    /** Empties the totals and runs the backfill statements of migration 008 meant for this database. */
    private void rebuildFromMigration() throws IOException {
        String migration;
        try (InputStream in = getClass().getResourceAsStream("/db/008-goodwill-totals.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String dbms = server.databaseKind().equals("postgres") ? "postgresql" : "h2";
        List<String> backfill = new ArrayList<>();
        for (String changeset : migration.split("--changeset ")) {
            String header = changeset.lines().findFirst().orElse("");
            if (header.contains("dbms:") && !header.contains("dbms:" + dbms)) {
                continue;
            }
            for (String statement : changeset.substring(header.length()).split(";")) {
                String sql = statement.lines().filter(line -> !line.startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b).strip();
                if (sql.startsWith("INSERT INTO goodwill_")) {
                    backfill.add(sql);
                }
            }
        }
        assertThat(backfill).as("the backfill statements for " + dbms).hasSize(2);
        server.jdbi().useTransaction(h -> {
            h.execute("DELETE FROM goodwill_totals");
            h.execute("DELETE FROM goodwill_days");
            backfill.forEach(h::execute);
        });
    }
}
