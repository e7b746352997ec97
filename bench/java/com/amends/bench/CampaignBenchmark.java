package com.amends.bench;

import com.amends.auth.Role;
import com.amends.testing.Reply;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Credits 100,000 customers through a campaign, and beside it inserts the same rows with plain
 * JDBC batches into the same database, then prints both rates. Usage:
 *
 * <pre>bench/campaign.sh [--postgres jdbc:postgresql://...] [--customers N]</pre>
 */
public final class CampaignBenchmark {
    private static final int BATCH = 10_000;
    private static final int RAW_CHUNK = 1_000;

    public static void main(String[] args) throws Exception {
        int customers = 100_000;
        String postgres = null;
        boolean memory = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--h2-memory")) {
                memory = true;
            }
            if (args[i].equals("--customers")) {
                customers = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--postgres")) {
                postgres = args[++i];
            }
        }
        Path directory = Files.createTempDirectory("amends-bench");
        TestDatabase database = postgres != null ? TestDatabase.postgres(postgres)
                : memory ? TestDatabase.h2() : TestDatabase.h2File(directory);
        try (TestServer server = new TestServer(database).start()) {
            // Warm the JIT on both paths with a small run first, outside the measurement.
            raw(database, 2_000, "warm");
            credit(server, 2_000);

            double rawSeconds = raw(database, customers, "raw");
            double creditSeconds = credit(server, customers);

            double rawRate = customers / rawSeconds;
            double creditRate = customers / creditSeconds;
            System.out.println();
            System.out.printf(Locale.ROOT, "Campaign crediting, %d customers, %s, %d cores, Java %s%n", customers,
                    database.kind(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.println("| run | seconds | customers/s | ratio to raw |");
            System.out.println("|---|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| raw JDBC batch insert of the same rows | %.2f | %.0f | 1.00 |%n", rawSeconds, rawRate);
            System.out.printf(Locale.ROOT, "| campaign: 10,000-row batches over HTTP, credited by the worker | %.2f | %.0f | %.2f |%n",
                    creditSeconds, creditRate, creditRate / rawRate);
            System.out.printf(Locale.ROOT, "Targets: under 20 s for 100,000 on H2 (%s), at least 0.50 of the raw rate (%s)%n",
                    creditSeconds * 100_000 / customers < 20 ? "met" : "NOT met",
                    creditRate / rawRate >= 0.5 ? "met" : "NOT met");
        } finally {
            database.drop(); // the benchmark runs inside Maven, whose exit does not run shutdown hooks
        }
    }

    /** Posts the customers in batches of 10,000 and runs the worker until every row is settled. */
    static double credit(TestServer server, int customers) {
        String campaign = server.as(Role.SUPERVISOR).post("/v1/campaigns", Map.of("name", "bench",
                "incident_ref", "bench-" + UUID.randomUUID(), "reason_code", "PROACTIVE_APOLOGY", "agent_id", "lead-1",
                "reward", Map.of("points", 100)), null).expect(201).path("id").asText();
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        for (int from = 0; from < customers; from += BATCH) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = from; i < Math.min(customers, from + BATCH); i++) {
                rows.add(Map.of("customer_id", "c-" + campaign.substring(4, 14) + "-" + i));
            }
            batches.add(rows);
        }
        long start = System.nanoTime();
        for (List<Map<String, Object>> rows : batches) {
            Reply reply = server.as(Role.SUPERVISOR).post("/v1/campaigns/" + campaign + "/recipients", Map.of("recipients", rows));
            if (reply.status() != 202 && reply.status() != 201) {
                throw new IllegalStateException(reply.text());
            }
        }
        Reply worked = server.adminPort().raw("POST", "/tasks/campaigns", null, "");
        if (worked.status() != 200) {
            throw new IllegalStateException(worked.text());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long credited = server.as(Role.FINANCE).get("/v1/campaigns/" + campaign).expect(200)
                .path("counts").path("credited").asLong();
        if (credited != customers) {
            throw new IllegalStateException("credited " + credited + " of " + customers);
        }
        return seconds;
    }

    /** Inserts what crediting writes for each customer, with no logic: 10 rows each, 1,000 customers a commit. */
    static double raw(TestDatabase database, int customers, String tag) throws Exception {
        String run = tag + "-" + UUID.randomUUID().toString().substring(0, 8);
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp expires = Timestamp.from(Instant.now().plusSeconds(86_400 * 90));
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement campaign = c.prepareStatement("""
                    INSERT INTO campaigns (id, name, incident_ref, reason_code, category, agent_id, reward, unit_value,
                        expires_at, status, api_key_id, created_at) VALUES (?, 'raw', 'raw', 'PROACTIVE_APOLOGY', 'proactive',
                        'lead-1', '{"points":100}', 100, ?, 'open', 'key_raw', ?)""");
                 PreparedStatement batch = c.prepareStatement("""
                    INSERT INTO campaign_batches (id, campaign_id, row_count, status, created_at) VALUES (?, ?, ?, 'done', ?)""")) {
                campaign.setString(1, "cmp_" + run);
                campaign.setTimestamp(2, expires);
                campaign.setTimestamp(3, now);
                campaign.executeUpdate();
                batch.setString(1, "cbt_" + run);
                batch.setString(2, "cmp_" + run);
                batch.setInt(3, customers);
                batch.setTimestamp(4, now);
                batch.executeUpdate();
                c.commit();
            }
            long start = System.nanoTime();
            try (PreparedStatement customer = c.prepareStatement("INSERT INTO customers (id, created_at) VALUES (?, ?)");
                 PreparedStatement grant = c.prepareStatement("""
                    INSERT INTO grants (id, customer_id, agent_id, reason_code, case_ref, channel, note, status, points,
                        expires_at, api_key_id, created_at, value_amount, category, top_up, reward, campaign_id)
                    VALUES (?, ?, 'lead-1', 'PROACTIVE_APOLOGY', ?, 'proactive', 'raw', 'issued', 100, ?, 'key_raw', ?, 100,
                        'proactive', FALSE, '{"points":100}', ?)""");
                 PreparedStatement lot = c.prepareStatement("""
                    INSERT INTO point_lots (id, customer_id, grant_id, points, remaining, expires_at, open_until, created_at)
                    VALUES (?, ?, ?, 100, 100, ?, ?, ?)""");
                 PreparedStatement account = c.prepareStatement("""
                    INSERT INTO accounts (id, kind, unit, customer_id, balance, created_at)
                    VALUES (?, 'customer_points', 'points', ?, 100, ?)""");
                 PreparedStatement entry = c.prepareStatement("""
                    INSERT INTO journal_entries (id, kind, customer_id, grant_id, reason_code, api_key_id, created_at)
                    VALUES (?, 'grant_issued', ?, ?, 'PROACTIVE_APOLOGY', 'key_raw', ?)""");
                 PreparedStatement posting = c.prepareStatement("""
                    INSERT INTO postings (entry_id, line, account_id, unit, amount, balance_after, grant_id, created_at)
                    VALUES (?, ?, ?, 'points', ?, ?, ?, ?)""");
                 PreparedStatement given = c.prepareStatement("""
                    INSERT INTO goodwill_totals (customer_id, unit, grants, amount) VALUES (?, 'points', 1, 100)""");
                 PreparedStatement counted = c.prepareStatement("""
                    INSERT INTO goodwill_days (customer_id, granted_on, grants, value_amount) VALUES (?, ?, 1, 100)""");
                 PreparedStatement recipient = c.prepareStatement("""
                    INSERT INTO campaign_recipients (batch_id, line, campaign_id, customer_id, status, grant_id)
                    VALUES (?, ?, ?, ?, 'credited', ?)""")) {
                for (int i = 0; i < customers; i++) {
                    String id = run + "-" + i;
                    String customerId = "r-" + id;
                    customer.setString(1, customerId);
                    customer.setTimestamp(2, now);
                    customer.addBatch();
                    grant.setString(1, "grt_" + id);
                    grant.setString(2, customerId);
                    grant.setString(3, "cmp_" + run);
                    grant.setTimestamp(4, expires);
                    grant.setTimestamp(5, now);
                    grant.setString(6, "cmp_" + run);
                    grant.addBatch();
                    lot.setString(1, "lot_" + id);
                    lot.setString(2, customerId);
                    lot.setString(3, "grt_" + id);
                    lot.setTimestamp(4, expires);
                    lot.setTimestamp(5, expires);
                    lot.setTimestamp(6, now);
                    lot.addBatch();
                    account.setString(1, "points:" + customerId);
                    account.setString(2, customerId);
                    account.setTimestamp(3, now);
                    account.addBatch();
                    entry.setString(1, "jre_" + id);
                    entry.setString(2, customerId);
                    entry.setString(3, "grt_" + id);
                    entry.setTimestamp(4, now);
                    entry.addBatch();
                    posting.setString(1, "jre_" + id);
                    posting.setInt(2, 1);
                    posting.setString(3, "goodwill:PROACTIVE_APOLOGY");
                    posting.setLong(4, -100);
                    posting.setNull(5, java.sql.Types.BIGINT);
                    posting.setString(6, "grt_" + id);
                    posting.setTimestamp(7, now);
                    posting.addBatch();
                    posting.setString(1, "jre_" + id);
                    posting.setInt(2, 2);
                    posting.setString(3, "points:" + customerId);
                    posting.setLong(4, 100);
                    posting.setLong(5, 100);
                    posting.setString(6, "grt_" + id);
                    posting.setTimestamp(7, now);
                    posting.addBatch();
                    given.setString(1, customerId);
                    given.addBatch();
                    counted.setString(1, customerId);
                    counted.setObject(2, today);
                    counted.addBatch();
                    recipient.setString(1, "cbt_" + run);
                    recipient.setInt(2, i + 1);
                    recipient.setString(3, "cmp_" + run);
                    recipient.setString(4, customerId);
                    recipient.setString(5, "grt_" + id);
                    recipient.addBatch();
                    if ((i + 1) % RAW_CHUNK == 0 || i == customers - 1) {
                        for (PreparedStatement statement : List.of(customer, grant, lot, account, entry, posting, given, counted,
                                recipient)) {
                            statement.executeBatch();
                        }
                        c.commit();
                    }
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
