package com.amends.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where PostgreSQL's WAL goes: the records written between two positions, by the table or index
 * each first touches (records that touch none, such as a commit, by their kind). Read with
 * pg_walinspect (PostgreSQL 15's contrib), which {@link #install} creates and {@link #uninstall}
 * drops again. A total of records says that a request writes too much; this says what.
 *
 * <p>Counted from the WAL itself, not from {@code pg_stat_wal}: a backend adds its records to that
 * view when it reports its statistics (at most once a second, and an idle pooled connection
 * later still): a session's ten inserts showed 0 records there and 20 in the WAL, and a points
 * redemption counted that way came to 31.9 records where the WAL held 49.1.
 */
public final class WalByRelation {
    private static final Pattern BLOCK = Pattern.compile("rel \\d+/\\d+/(\\d+)");

    private final String base;
    private final String schema;
    private String start;
    /** The window's end, fixed at its first reading so that the count and the breakdown agree. */
    private String end;

    /** {@code base}: a JDBC URL of the server's database in which {@code schema} lives. */
    public WalByRelation(String base, String schema) {
        this.base = base;
        this.schema = schema;
    }

    public static void install(String base) throws SQLException {
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_walinspect SCHEMA public");
        }
    }

    public static void uninstall(String base) throws SQLException {
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("DROP EXTENSION IF EXISTS pg_walinspect");
        }
    }

    /** WAL records the whole server wrote while {@code work} ran, per transaction (others' work included). */
    public static double perTransaction(String base, References.Work work, long transactions) throws Exception {
        WalByRelation wal = new WalByRelation(base, "public");
        wal.start();
        work.run();
        return wal.records() / (double) transactions;
    }

    public void start() throws SQLException {
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            start = single(s, "SELECT pg_current_wal_insert_lsn()::text");
            end = null;
        }
    }

    /** Records since {@link #start}, all of them. */
    public long records() throws SQLException {
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            return Long.parseLong(single(s, "SELECT COUNT(*) FROM public.pg_get_wal_records_info('" + start
                    + "'::pg_lsn, '" + end(s) + "'::pg_lsn)"));
        }
    }

    /**
     * Where the WAL ends now, once it is on disk: pg_walinspect reads only what is flushed, and the
     * last records written (a background job's, not committed synchronously) may not be yet.
     */
    private String end(Statement s) throws SQLException {
        if (end != null) {
            return end;
        }
        String now = single(s, "SELECT pg_current_wal_insert_lsn()::text");
        for (int i = 0; i < 100; i++) {
            if (Boolean.parseBoolean(single(s, "SELECT (pg_current_wal_flush_lsn() >= '" + now + "'::pg_lsn)::text"))) {
                end = now;
                return end;
            }
            single(s, "SELECT pg_sleep(0.05)::text");
        }
        throw new IllegalStateException("the WAL was not flushed up to " + now + " within 5 s");
    }

    /** Records since {@link #start} divided by {@code per}, by what they were written to, largest first. */
    public String finish(int per) throws SQLException {
        Map<String, long[]> byTarget = new HashMap<>();
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            end(s);
            Map<Long, String> names = names(c);
            try (PreparedStatement records = c.prepareStatement("""
                    SELECT resource_manager, record_type, block_ref, record_length
                      FROM public.pg_get_wal_records_info(?::pg_lsn, ?::pg_lsn)""")) {
                records.setString(1, start);
                records.setString(2, end);
                try (ResultSet rows = records.executeQuery()) {
                    while (rows.next()) {
                        String blocks = rows.getString(3);
                        Matcher rel = BLOCK.matcher(blocks == null ? "" : blocks);
                        String target = rel.find()
                                ? names.getOrDefault(Long.parseLong(rel.group(1)), "(another database or catalog)")
                                : "(" + rows.getString(1) + " " + rows.getString(2) + ")";
                        long[] sums = byTarget.computeIfAbsent(target, t -> new long[2]);
                        sums[0]++;
                        sums[1] += rows.getLong(4);
                    }
                }
            }
        }
        Map<String, long[]> sorted = new LinkedHashMap<>();
        byTarget.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        StringBuilder out = new StringBuilder("| written to | WAL records | bytes |\n|---|---:|---:|\n");
        long[] total = new long[2];
        sorted.forEach((target, sums) -> {
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %,.0f |%n", target, sums[0] / (double) per,
                    sums[1] / (double) per));
            total[0] += sums[0];
            total[1] += sums[1];
        });
        out.append(String.format(Locale.ROOT, "| all | %.1f | %,.0f |%n", total[0] / (double) per, total[1] / (double) per));
        return out.toString();
    }

    /** The schema's tables and indexes by the file node their WAL records name. */
    private Map<Long, String> names(Connection c) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        try (PreparedStatement relations = c.prepareStatement("""
                SELECT c.relfilenode, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND c.relfilenode <> 0""")) {
            relations.setString(1, schema);
            try (ResultSet rows = relations.executeQuery()) {
                while (rows.next()) {
                    names.put(rows.getLong(1), rows.getString(2) + ("i".equals(rows.getString(3)) ? " (index)" : ""));
                }
            }
        }
        return names;
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
