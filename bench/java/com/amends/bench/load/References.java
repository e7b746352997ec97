package com.amends.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the database itself does at the same concurrency, measured in the same run: TPC-B (pgbench's
 * five statements in one commit) and a bare ledger transfer (two guarded balance updates, an
 * entry, two postings, one commit). On PostgreSQL both run in pgbench, in a scratch database
 * dropped after; on H2 both run through JDBC in this process, on a file database with the URL
 * options the server ships with.
 */
public final class References {
    /** Transactions a second, and (PostgreSQL) WAL records each, measured alone with one client. */
    public record Result(double throughput, double walRecords) {}

    private static final int ACCOUNTS = 100_000;

    private References() {}

    /** {@code base}: a JDBC URL of the server (its database is not touched), e.g. ...:5432/test?user=postgres. */
    public static List<Result> postgres(String base, int clients, Duration time, Path dir) throws Exception {
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+)(?:\\?(.*))?").matcher(base);
        if (!url.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL");
        }
        String host = url.group(1);
        String port = url.group(2) == null ? "5432" : url.group(2);
        String user = "postgres";
        if (url.group(4) != null) {
            for (String option : url.group(4).split("&")) {
                if (option.startsWith("user=")) {
                    user = option.substring(5);
                }
            }
        }
        String scratch = "amends_reference_" + ProcessHandle.current().pid();
        try (Connection admin = DriverManager.getConnection(base); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + scratch);
        }
        String scratchUrl = base.replaceFirst("/" + Pattern.quote(url.group(3)) + "(\\?|$)", "/" + scratch + "$1");
        try {
            List<String> connection = List.of("-h", host, "-p", port, "-U", user);
            pgbench(connection, List.of("-i", "-q", "-s", "1"), scratch);
            try (Connection c = DriverManager.getConnection(scratchUrl); Statement s = c.createStatement()) {
                s.execute(TRANSFER_SCHEMA);
                s.execute("INSERT INTO t_accounts SELECT g, 1000000000 FROM generate_series(1, " + ACCOUNTS + ") g");
                s.execute("VACUUM ANALYZE");
            }
            Path transfer = dir.resolve("transfer.sql");
            Files.writeString(transfer, "\\set a random(1, " + ACCOUNTS + ")\n\\set b random(1, " + ACCOUNTS + ")\n"
                    + "SELECT transfer(:a, :b, 1);\n");
            List<Result> results = new ArrayList<>();
            for (List<String> script : List.of(List.<String>of(), List.of("-f", transfer.toString()))) {
                double wal = WalByRelation.perTransaction(base, () -> {
                    List<String> alone = new ArrayList<>(List.of("-n", "-c", "1", "-t", "500"));
                    alone.addAll(script);
                    pgbench(connection, alone, scratch);
                }, 500);
                List<String> loaded = new ArrayList<>(List.of("-n", "-c", Integer.toString(clients), "-j", "2",
                        "-T", Long.toString(time.toSeconds())));
                loaded.addAll(script);
                String out = pgbench(connection, loaded, scratch);
                Matcher tps = Pattern.compile("tps = ([\\d.]+)").matcher(out);
                if (!tps.find()) {
                    throw new IllegalStateException("no tps in pgbench's output:\n" + out);
                }
                results.add(new Result(Double.parseDouble(tps.group(1)), wal));
            }
            return results;
        } finally {
            try (Connection admin = DriverManager.getConnection(base); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
            }
        }
    }

    public interface Work {
        void run() throws Exception;
    }

    private static String pgbench(List<String> connection, List<String> args, String database)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pgbench"));
        command.addAll(connection);
        command.addAll(args);
        command.add(database);
        Process pgbench = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (pgbench.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    /** The balance updates go in account order, so that two transfers between the same accounts cannot deadlock. */
    private static final String TRANSFER_SCHEMA = """
            CREATE TABLE t_accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL);
            CREATE TABLE t_entries (id BIGSERIAL PRIMARY KEY, created_at TIMESTAMPTZ NOT NULL DEFAULT now());
            CREATE TABLE t_postings (entry_id BIGINT NOT NULL REFERENCES t_entries, line INT NOT NULL,
                                     account_id INT NOT NULL, amount BIGINT NOT NULL, PRIMARY KEY (entry_id, line));
            CREATE FUNCTION transfer(a INT, b INT, amount BIGINT) RETURNS VOID AS $$
            DECLARE
              entry BIGINT;
            BEGIN
              IF a = b THEN b := a % 100000 + 1; END IF;
              IF a < b THEN
                UPDATE t_accounts SET balance = balance - amount WHERE id = a AND balance - amount >= 0;
                UPDATE t_accounts SET balance = balance + amount WHERE id = b AND balance + amount >= 0;
              ELSE
                UPDATE t_accounts SET balance = balance + amount WHERE id = b AND balance + amount >= 0;
                UPDATE t_accounts SET balance = balance - amount WHERE id = a AND balance - amount >= 0;
              END IF;
              INSERT INTO t_entries DEFAULT VALUES RETURNING id INTO entry;
              INSERT INTO t_postings VALUES (entry, 1, a, -amount), (entry, 2, b, amount);
            END $$ LANGUAGE plpgsql;
            """;

    /** TPC-B and the bare transfer through JDBC, on an H2 file with {@code options}, at {@code clients} threads. */
    public static List<Result> h2(Path dir, String options, int clients, Duration time) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("reference").toAbsolutePath() + options;
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE pgbench_branches (bid INT PRIMARY KEY, bbalance INT)");
            s.execute("CREATE TABLE pgbench_tellers (tid INT PRIMARY KEY, bid INT, tbalance INT)");
            s.execute("CREATE TABLE pgbench_accounts (aid INT PRIMARY KEY, bid INT, abalance INT, filler CHAR(84))");
            s.execute("CREATE TABLE pgbench_history (tid INT, bid INT, aid INT, delta INT, mtime TIMESTAMP, filler CHAR(22))");
            s.execute("INSERT INTO pgbench_branches VALUES (1, 0)");
            s.execute("INSERT INTO pgbench_tellers SELECT X, 1, 0 FROM SYSTEM_RANGE(1, 10)");
            s.execute("INSERT INTO pgbench_accounts SELECT X, 1, 0, '' FROM SYSTEM_RANGE(1, 100000)");
            s.execute("CREATE TABLE t_accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
            s.execute("CREATE TABLE t_entries (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, created_at TIMESTAMP WITH TIME ZONE)");
            s.execute("CREATE TABLE t_postings (entry_id BIGINT NOT NULL REFERENCES t_entries, line INT NOT NULL, "
                    + "account_id INT NOT NULL, amount BIGINT NOT NULL, PRIMARY KEY (entry_id, line))");
            s.execute("INSERT INTO t_accounts SELECT X, 1000000000 FROM SYSTEM_RANGE(1, " + ACCOUNTS + ")");
        }
        try {
            return List.of(new Result(h2Load(url, clients, time, References::tpcb), Double.NaN),
                    new Result(h2Load(url, clients, time, References::transfer), Double.NaN));
        } finally {
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.execute("DROP ALL OBJECTS DELETE FILES");
            }
        }
    }

    private interface Transaction {
        void run(Connection c, ThreadLocalRandom random) throws SQLException;
    }

    private static double h2Load(String url, int clients, Duration time, Transaction transaction) throws Exception {
        LongAdder done = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                    c.setAutoCommit(false);
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        try {
                            transaction.run(c, random);
                            c.commit();
                            if (measuring.get()) {
                                done.increment();
                            }
                        } catch (SQLException conflict) {
                            c.rollback(); // a lock time-out under contention; pgbench would count it as failed
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(2_000);
        measuring.set(true);
        long started = System.nanoTime();
        Thread.sleep(time.toMillis());
        measuring.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        return done.sum() / seconds;
    }

    private static void tpcb(Connection c, ThreadLocalRandom random) throws SQLException {
        int aid = random.nextInt(1, 100_001);
        int tid = random.nextInt(1, 11);
        int delta = random.nextInt(-5000, 5001);
        update(c, "UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?", delta, aid);
        try (PreparedStatement p = c.prepareStatement("SELECT abalance FROM pgbench_accounts WHERE aid = ?")) {
            p.setInt(1, aid);
            p.executeQuery().close();
        }
        update(c, "UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?", delta, tid);
        update(c, "UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?", delta, 1);
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (?, 1, ?, ?, CURRENT_TIMESTAMP)")) {
            p.setInt(1, tid);
            p.setInt(2, aid);
            p.setInt(3, delta);
            p.executeUpdate();
        }
    }

    private static void transfer(Connection c, ThreadLocalRandom random) throws SQLException {
        int a = random.nextInt(1, ACCOUNTS + 1);
        int b = a % ACCOUNTS + 1;
        update(c, "UPDATE t_accounts SET balance = balance - ? WHERE id = ? AND balance - 1 >= 0", 1, Math.min(a, b));
        update(c, "UPDATE t_accounts SET balance = balance + ? WHERE id = ? AND balance + 1 >= 0", 1, Math.max(a, b));
        long entry;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO t_entries (created_at) VALUES (CURRENT_TIMESTAMP)",
                new String[] {"id"})) {
            p.executeUpdate();
            var keys = p.getGeneratedKeys();
            keys.next();
            entry = keys.getLong(1);
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO t_postings VALUES (?, ?, ?, ?)")) {
            for (int line = 1; line <= 2; line++) {
                p.setLong(1, entry);
                p.setInt(2, line);
                p.setInt(3, line == 1 ? a : b);
                p.setLong(4, line == 1 ? -1 : 1);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void update(Connection c, String sql, int amount, int id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setInt(1, amount);
            p.setInt(2, id);
            p.executeUpdate();
        }
    }
}
