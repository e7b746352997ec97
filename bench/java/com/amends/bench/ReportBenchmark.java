package com.amends.bench;

import com.amends.auth.Role;
import com.amends.testing.Reply;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Loads a year of journal entries (1,000,000 by default: points and voucher grants over nine
 * reasons) and times the spend report (by reason and month) and the liability report through
 * the API, beside a plain {@code SELECT SUM(amount) FROM postings} over the same table, in the
 * same run. It also prints how long the day-sums job takes to sum the year's closed days. Usage:
 *
 * <pre>bench/reports.sh [--postgres jdbc:postgresql://...] [--entries N]</pre>
 */
public final class ReportBenchmark {
    private static final String[] REASONS = {"SHIPPING_DELAY", "LOST_PARCEL", "DAMAGED_ITEM", "WRONG_ITEM",
            "MISSING_ITEM", "BILLING_ERROR", "SERVICE_FAILURE", "LONG_WAIT", "PROACTIVE_APOLOGY"};
    private static final String[] CHANNELS = {"phone", "email", "chat", "social", "proactive"};
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        int entries = 1_000_000;
        String postgres = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--entries")) {
                entries = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--postgres")) {
                postgres = args[++i];
            }
        }
        Path directory = Files.createTempDirectory("amends-bench");
        TestDatabase database = postgres != null ? TestDatabase.postgres(postgres) : TestDatabase.h2File(directory);
        try (TestServer server = new TestServer(database).start()) {
            Instant end = server.clock().instant();
            Instant start = end.minus(Duration.ofDays(365));
            long loadStart = System.nanoTime();
            load(database, entries, start, end);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            String range = "from=" + start.minusSeconds(1) + "&to=" + end.plusSeconds(1);
            Supplier<Object> sum = () -> plainSum(database);
            Supplier<Object> spend = () -> get(server, "/v1/reports/goodwill-spend?" + range + "&group_by=reason,month");
            Supplier<Object> liability = () -> get(server, "/v1/reports/liability?as_of=" + end + "&from="
                    + end.minus(Duration.ofDays(30)));
            List<Supplier<Object>> runs = List.of(sum, spend, liability);
            // The job sums every closed day of the year once; the reports read those sums.
            long firstStart = System.nanoTime();
            Reply summed = server.adminPort().raw("POST", "/tasks/sum-days", null, "");
            if (summed.status() != 200) {
                throw new IllegalStateException("sum-days answered " + summed.status() + ": " + summed.text());
            }
            double firstSeconds = (System.nanoTime() - firstStart) / 1e9;
            for (Supplier<Object> run : runs) {
                run.get(); // warm the JIT and the database's cache
            }
            // Interleaved, so that a noisy neighbour slows all three alike; the best of five of each.
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            for (int round = 0; round < ROUNDS; round++) {
                for (int r = 0; r < runs.size(); r++) {
                    long t = System.nanoTime();
                    runs.get(r).get();
                    best[r] = Math.min(best[r], (System.nanoTime() - t) / 1e9);
                }
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "Finance reports over %,d journal entries (%,d postings), %s, %d cores, Java %s;"
                            + " loaded in %.1f s%n", entries, 2L * entries, database.kind(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadSeconds);
            System.out.println("| query | best of 5 (s) | ratio to plain SUM | target |");
            System.out.println("|---|---:|---:|---|");
            System.out.printf(Locale.ROOT, "| plain SELECT SUM(amount) FROM postings | %.3f | 1.00 | |%n", best[0]);
            System.out.printf(Locale.ROOT, "| spend report, by reason and month (HTTP) | %.3f | %.2f | within 3x: %s |%n",
                    best[1], best[1] / best[0], best[1] / best[0] <= 3 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "| liability report with 30-day movement (HTTP) | %.3f | %.2f | within 3x: %s |%n",
                    best[2], best[2] / best[0], best[2] / best[0] <= 3 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "The day-sums job after loading, summing the year's closed days once: %.3f s%n",
                    firstSeconds);
        } finally {
            database.drop();
        }
    }

    private static Object get(TestServer server, String path) {
        Reply reply = server.as(Role.FINANCE).get(path);
        if (reply.status() != 200) {
            throw new IllegalStateException(path + " answered " + reply.status() + ": " + reply.text());
        }
        return reply.text();
    }

    private static Object plainSum(TestDatabase database) {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SUM(amount) FROM postings")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Grants spread evenly over the year: two thirds points to 50,000 customers, a third amount
     * vouchers in EUR. Each is one entry of two postings, as the ledger writes them.
     */
    static void load(TestDatabase database, int entries, Instant start, Instant end) throws Exception {
        load(database, entries, start, end, false);
    }

    /**
     * As above; with {@code grants}, each grant entry also gets its customer and grant row (agent, channel,
     * reason), which the effectiveness report and the day sums' grant attributes read, and about 30 % of
     * the entries are redemptions of an earlier grant, 0 to 60 days after it, never more than it has left.
     */
    static void load(TestDatabase database, int entries, Instant start, Instant end, boolean grants) throws Exception {
        Random random = new Random(42);
        long span = Duration.between(start, end).toMillis();
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            List<String> customers = new ArrayList<>();
            try (PreparedStatement account = c.prepareStatement("""
                    INSERT INTO accounts (id, kind, unit, customer_id, balance, created_at)
                    VALUES (?, 'customer_points', 'points', ?, 0, ?)""")) {
                for (int i = 0; i < 50_000; i++) {
                    String customer = "bench-" + i;
                    customers.add(customer);
                    account.setString(1, "points:" + customer);
                    account.setString(2, customer);
                    account.setObject(3, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
                    account.addBatch();
                }
                account.executeBatch();
            }
            if (grants) {
                try (PreparedStatement customer = c.prepareStatement("INSERT INTO customers (id, created_at) VALUES (?, ?)")) {
                    for (String id : customers) {
                        customer.setString(1, id);
                        customer.setObject(2, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
                        customer.addBatch();
                    }
                    customer.executeBatch();
                }
            }
            try (PreparedStatement entry = c.prepareStatement("""
                    INSERT INTO journal_entries (id, kind, customer_id, grant_id, reason_code, api_key_id, created_at)
                    VALUES (?, ?, ?, ?, ?, 'key_bench', ?)""");
                 PreparedStatement posting = c.prepareStatement("""
                    INSERT INTO postings (entry_id, line, account_id, unit, amount, balance_after, grant_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement grant = c.prepareStatement("""
                    INSERT INTO grants (id, customer_id, agent_id, reason_code, case_ref, channel, status, points,
                                        expires_at, api_key_id, created_at, value_amount)
                    VALUES (?, ?, ?, ?, ?, ?, 'issued', ?, ?, 'key_bench', ?, ?)""")) {
                Spending spending = new Spending();
                for (int i = 0; i < entries; i++) {
                    String id = String.format(Locale.ROOT, "jre_bench%010d", i);
                    OffsetDateTime at = OffsetDateTime.ofInstant(start.plusMillis(span * i / entries), ZoneOffset.UTC);
                    Issued spent = grants && random.nextInt(10) < 3 ? spending.pick(at.toInstant(), random) : null;
                    if (spent != null) {
                        redeem(entry, posting, id, at, spent, 1 + random.nextInt((int) spent.remaining), spending);
                    } else {
                        String grantId = String.format(Locale.ROOT, "grt_bench%010d", i);
                        String customer = customers.get(random.nextInt(customers.size()));
                        String reason = REASONS[random.nextInt(REASONS.length)];
                        boolean points = i % 3 != 0;
                        String unit = points ? "points" : "EUR";
                        long amount = 100 + random.nextInt(900);
                        String wallet = points ? "points:" + customer : "voucher:bench" + i;
                        long balance = grants ? spending.add(new Issued(grantId, customer, wallet, unit, amount,
                                at.toInstant())) : amount;
                        entry.setString(1, id);
                        entry.setString(2, "grant_issued");
                        entry.setString(3, customer);
                        entry.setString(4, grantId);
                        entry.setString(5, reason);
                        entry.setObject(6, at);
                        entry.addBatch();
                        if (grants) {
                            grant.setString(1, grantId);
                            grant.setString(2, customer);
                            grant.setString(3, "agent-" + (i % 40));
                            grant.setString(4, reason);
                            grant.setString(5, "ZD-" + i);
                            grant.setString(6, CHANNELS[i % CHANNELS.length]);
                            if (points) {
                                grant.setLong(7, amount);
                            } else {
                                grant.setNull(7, java.sql.Types.BIGINT);
                            }
                            grant.setObject(8, at.plusDays(365));
                            grant.setObject(9, at);
                            grant.setLong(10, amount);
                            grant.addBatch();
                        }
                        addPosting(posting, id, 1, "goodwill:" + reason, unit, -amount, null, grantId, at);
                        addPosting(posting, id, 2, wallet, unit, amount, balance, grantId, at);
                    }
                    if ((i + 1) % 5_000 == 0 || i == entries - 1) {
                        if (grants) {
                            grant.executeBatch();
                        }
                        entry.executeBatch();
                        posting.executeBatch();
                        c.commit();
                    }
                }
                if (grants) {
                    try (PreparedStatement balance =
                                 c.prepareStatement("UPDATE accounts SET balance = ? WHERE id = ?")) {
                        for (Map.Entry<String, Long> wallet : spending.balances.entrySet()) {
                            if (wallet.getKey().startsWith("points:")) {
                                balance.setLong(1, wallet.getValue());
                                balance.setString(2, wallet.getKey());
                                balance.addBatch();
                            }
                        }
                        balance.executeBatch();
                    }
                }
            }
            c.commit();
            if (database.kind().equals("postgres")) {
                try (Statement s = c.createStatement()) {
                    c.setAutoCommit(true);
                    s.execute("VACUUM ANALYZE postings");
                    s.execute("VACUUM ANALYZE journal_entries");
                    s.execute("VACUUM ANALYZE grants");
                }
            }
        }
    }

    /** A grant the loader issued, and what is left of it to spend. */
    private static final class Issued {
        final String grantId;
        final String customer;
        final String wallet;
        final String unit;
        final Instant at;
        long remaining;

        Issued(String grantId, String customer, String wallet, String unit, long amount, Instant at) {
            this.grantId = grantId;
            this.customer = customer;
            this.wallet = wallet;
            this.unit = unit;
            this.remaining = amount;
            this.at = at;
        }
    }

    /** The grants of the last 60 days that can still be spent, and every wallet's balance. */
    private static final class Spending {
        final List<Issued> recent = new ArrayList<>();
        final Map<String, Long> balances = new HashMap<>();
        int windowStart;

        /** Adds the grant to its wallet; answers the wallet's balance after it. */
        long add(Issued issued) {
            recent.add(issued);
            return balances.merge(issued.wallet, issued.remaining, Long::sum);
        }

        /** A grant made 0 to 60 days before {@code now} with something left, or null to issue instead. */
        Issued pick(Instant now, Random random) {
            Instant earliest = now.minus(Duration.ofDays(60));
            while (windowStart < recent.size() && recent.get(windowStart).at.isBefore(earliest)) {
                recent.set(windowStart++, null);
            }
            for (int attempt = 0; attempt < 5 && windowStart < recent.size(); attempt++) {
                Issued candidate = recent.get(windowStart + random.nextInt(recent.size() - windowStart));
                if (candidate.remaining > 0) {
                    return candidate;
                }
            }
            return null;
        }
    }

    /**
     * A redemption as the app writes it: the wallet (points or the voucher) down, 'redeemed' up, both
     * naming the grant spent. It never takes more than is left of the grant, so no wallet goes below zero.
     */
    private static void redeem(PreparedStatement entry, PreparedStatement posting, String id, OffsetDateTime at,
                               Issued spent, long amount, Spending spending) throws java.sql.SQLException {
        spent.remaining -= amount;
        long balance = spending.balances.merge(spent.wallet, -amount, Long::sum);
        entry.setString(1, id);
        entry.setString(2, spent.unit.equals("points") ? "points_redeemed" : "voucher_redeemed");
        entry.setString(3, spent.customer);
        entry.setString(4, spent.grantId);
        entry.setNull(5, java.sql.Types.VARCHAR);
        entry.setObject(6, at);
        entry.addBatch();
        addPosting(posting, id, 1, spent.wallet, spent.unit, -amount, balance, spent.grantId, at);
        addPosting(posting, id, 2, "redeemed", spent.unit, amount, null, spent.grantId, at);
    }

    private static void addPosting(PreparedStatement posting, String entryId, int line, String account, String unit,
                                   long amount, Long balanceAfter, String grantId, OffsetDateTime at)
            throws java.sql.SQLException {
        posting.setString(1, entryId);
        posting.setInt(2, line);
        posting.setString(3, account);
        posting.setString(4, unit);
        posting.setLong(5, amount);
        if (balanceAfter == null) {
            posting.setNull(6, java.sql.Types.BIGINT);
        } else {
            posting.setLong(6, balanceAfter);
        }
        posting.setString(7, grantId);
        posting.setObject(8, at);
        posting.addBatch();
    }
}
