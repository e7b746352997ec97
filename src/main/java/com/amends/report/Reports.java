package com.amends.report;

import com.amends.ledger.Accounts;
import com.amends.platform.ApiException;
import com.amends.platform.Cursor;
import com.amends.platform.Database;
import com.amends.platform.ErrorCode;
import com.amends.platform.Money;
import com.amends.platform.OneTransactionAtATime;
import com.amends.platform.Page;
import com.amends.points.PointValues;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Finance reports, all read from the journal's postings. Each posting repeats its entry's time
 * and names its grant, so a report needs no more than its postings (joined to grants only when
 * it groups by a grant's agent, channel, category or campaign). Closed days are read from their
 * {@link DaySums} instead, so a year costs a few hundred rows a day, not every posting. The
 * database sums per day; days become weeks and months here, so one query shape serves every
 * time bucket.
 */
public final class Reports {
    static final List<Dimension> SPEND_DIMENSIONS = List.of(Dimension.values());
    static final List<Dimension> EFFECTIVENESS_DIMENSIONS = List.of(Dimension.REASON, Dimension.CATEGORY,
            Dimension.AGENT, Dimension.CHANNEL, Dimension.CAMPAIGN);
    /** The UTC day of a posting; the session runs in UTC while a report reads (see {@link #utc}). */
    private static final String DAY = "CAST(p.created_at AS DATE)";
    /**
     * Goodwill postings. Not {@code LIKE 'goodwill:%'}: H2 would answer that through the account
     * index, one row lookup per posting, several times slower than reading the table through.
     */
    private static final String GOODWILL = "LEFT(p.account_id, 9) = 'goodwill:'";
    private static final int FETCH = 1_000;
    public static final String CSV = "text/csv";

    private final Jdbi jdbi;
    private final DaySums daySums;
    private final PointValues pointValues;
    private final String accountingCurrency;

    public Reports(Jdbi jdbi, DaySums daySums, PointValues pointValues, String accountingCurrency) {
        this.jdbi = jdbi;
        this.daySums = daySums;
        this.pointValues = pointValues;
        this.accountingCurrency = accountingCurrency;
    }

    public SpendReport spend(Instant from, Instant to, List<Dimension> groupBy) {
        requireRange(from, to);
        List<GroupedAmount> rows = grouped(GOODWILL, -1, from, to, groupBy, true);
        List<GroupedAmount> totals = totals(rows);
        return new SpendReport(from, to, groupBy.stream().map(Dimension::wire).toList(), rows, totals, totalValue(totals));
    }

    public BreakageReport breakage(Instant from, Instant to) {
        requireRange(from, to);
        List<GroupedAmount> rows = grouped("p.account_id = '" + Accounts.EXPIRED + "'", 1, from, to,
                List.of(Dimension.REASON, Dimension.CAMPAIGN), false);
        List<GroupedAmount> totals = totals(rows);
        return new BreakageReport(from, to, rows, totals, totalValue(totals));
    }

    /**
     * Sums {@code sign * amount} of the postings matching {@code accounts} in [from, to), per group
     * and unit: closed days from their day sums, the rest from the postings. Spend takes the
     * reason from the goodwill account's name and needs no join for it.
     */
    private List<GroupedAmount> grouped(String accounts, int sign, Instant from, Instant to, List<Dimension> groupBy,
                                        boolean reasonFromAccount) {
        List<DaySums.Part> parts = DaySums.parts(from, to, List.of(), daySums.catchUp());
        Map<List<String>, Long> sums = new LinkedHashMap<>();
        jdbi.useHandle(h -> {
            utc(h);
            for (DaySums.Part part : parts) {
                bindPeriod(h.createQuery(groupedSql(accounts, groupBy, reasonFromAccount, part.summed())), part)
                        .setFetchSize(FETCH)
                        .map((rs, ctx) -> {
                            List<String> key = new ArrayList<>(groupBy.size() + 1);
                            for (int i = 0; i < groupBy.size(); i++) {
                                key.add(label(groupBy.get(i), rs, i + 1));
                            }
                            key.add(rs.getString(groupBy.size() + 1));
                            return Map.entry(key, sign * rs.getLong(groupBy.size() + 2));
                        }).forEach(sum -> sums.merge(sum.getKey(), sum.getValue(), Long::sum));
            }
        });
        List<GroupedAmount> rows = new ArrayList<>();
        sums.forEach((key, amount) -> {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                group.put(groupBy.get(i).wire(), key.get(i));
            }
            String unit = key.get(key.size() - 1);
            rows.add(new GroupedAmount(group, unit, amount, value(amount, unit)));
        });
        rows.sort(Comparator.<GroupedAmount, String>comparing(r -> String.join("\u0000",
                r.group().values().stream().map(v -> v == null ? "" : v).toList())).thenComparing(GroupedAmount::unit));
        return rows;
    }

    /** Day sums carry the grant's attributes themselves; postings find them through their grant. */
    private static String groupedSql(String accounts, List<Dimension> groupBy, boolean reasonFromAccount,
                                     boolean summed) {
        List<String> columns = new ArrayList<>();
        boolean join = false;
        for (Dimension d : groupBy) {
            if (d.isTime()) {
                columns.add(summed ? "p.posted_on" : DAY);
            } else if (d == Dimension.REASON && reasonFromAccount) {
                columns.add("p.account_id");
            } else {
                columns.add((summed ? "p." : "g.") + d.grantColumn);
                join = !summed;
            }
        }
        String keys = columns.isEmpty() ? "" : String.join(", ", columns) + ", ";
        return "SELECT " + keys + "p.unit, SUM(p.amount) FROM " + source(summed)
                + (join ? " LEFT JOIN grants g ON g.id = p.grant_id" : "")
                + " WHERE " + accounts + " AND " + period(summed)
                + " GROUP BY " + keys + "p.unit";
    }

    /** Postings are found through their entry's time, which is indexed; day sums by their day. */
    private static String source(boolean summed) {
        return summed ? "day_sums p" : "journal_entries e JOIN postings p ON p.entry_id = e.id";
    }

    private static String period(boolean summed) {
        return summed ? "p.posted_on >= :from AND p.posted_on < :to" : "e.created_at >= :from AND e.created_at < :to";
    }

    private static Query bindPeriod(Query query, DaySums.Part part) {
        return part.summed() ? query.bind("from", part.firstDay()).bind("to", part.endDay())
                : query.bind("from", part.from()).bind("to", part.to());
    }

    /** Days are UTC days whatever the database server's own zone; the statement exists in H2 and PostgreSQL alike. */
    private static Handle utc(Handle handle) {
        handle.execute("SET TIME ZONE 'UTC'");
        return handle;
    }

    private static String label(Dimension d, ResultSet rs, int column) throws SQLException {
        if (d.isTime()) {
            return d.bucket(rs.getObject(column, LocalDate.class).toEpochDay());
        }
        String value = rs.getString(column);
        if (d == Dimension.REASON && value != null && value.startsWith("goodwill:")) {
            return value.substring("goodwill:".length());
        }
        return value;
    }

    private List<GroupedAmount> totals(List<GroupedAmount> rows) {
        Map<String, Long> byUnit = new TreeMap<>();
        rows.forEach(r -> byUnit.merge(r.unit(), r.amount(), Long::sum));
        return byUnit.entrySet().stream()
                .map(e -> new GroupedAmount(Map.of(), e.getKey(), e.getValue(), value(e.getValue(), e.getKey()))).toList();
    }

    /** Per currency; points are valued once, on their total, so the figure is exact to the cent. */
    private List<Money> totalValue(List<GroupedAmount> totals) {
        Map<String, Long> byCurrency = new TreeMap<>();
        for (GroupedAmount total : totals) {
            byCurrency.merge(total.value().currency(), total.value().amount(), Long::sum);
        }
        return byCurrency.entrySet().stream().map(e -> new Money(e.getValue(), e.getKey())).toList();
    }

    Money value(long amount, String unit) {
        return unit.equals(Accounts.POINTS) ? pointValues.value(amount, accountingCurrency) : new Money(amount, unit);
    }

    public LiabilityReport liability(Instant from, Instant asOf) {
        if (from.isAfter(asOf)) {
            throw ApiException.invalid("from", "must not be after as_of");
        }
        // Everything up to and including as_of; the database keeps microseconds.
        Instant end = asOf.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
        List<DaySums.Part> parts = DaySums.parts(Instant.EPOCH, end, List.of(from), daySums.catchUp());
        Map<String, long[]> byUnit = new TreeMap<>();
        jdbi.useHandle(h -> {
            for (DaySums.Part part : parts) {
                // Each part lies wholly before from (opening balance) or wholly after it (movement).
                boolean opening = !part.to().isAfter(from);
                String sql = LIABILITY.replace("{source}", source(part.summed())).replace("{period}", period(part.summed()))
                        .replace("{wallet}", part.summed() ? "p.wallet" : "p.balance_after IS NOT NULL")
                        .replace("{goodwill}", GOODWILL);
                bindPeriod(h.createQuery(sql), part).map((rs, ctx) -> new LiabilityRow(rs.getString(1), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7))).forEach(row -> {
                    long[] sums = byUnit.computeIfAbsent(row.unit(), unit -> new long[Movement.values().length]);
                    if (opening) {
                        sums[Movement.OPENING.ordinal()] += row.wallets();
                    } else {
                        sums[Movement.ISSUED.ordinal()] += row.issued();
                        sums[Movement.REDEEMED.ordinal()] += row.redeemed();
                        sums[Movement.EXPIRED.ordinal()] += row.expired();
                        sums[Movement.REVOKED.ordinal()] += row.revoked();
                    }
                    sums[Movement.CLOSING.ordinal()] += row.wallets();
                    sums[Movement.HELD.ordinal()] += row.held();
                });
            }
        });
        List<LiabilityReport.Movement> units = new ArrayList<>();
        byUnit.forEach((unit, sums) -> {
            long closing = sums[Movement.CLOSING.ordinal()];
            units.add(new LiabilityReport.Movement(unit, sums[Movement.OPENING.ordinal()], sums[Movement.ISSUED.ordinal()],
                    sums[Movement.REDEEMED.ordinal()], sums[Movement.EXPIRED.ordinal()], sums[Movement.REVOKED.ordinal()],
                    closing, sums[Movement.HELD.ordinal()], value(closing, unit)));
        });
        Map<String, Long> byCurrency = new TreeMap<>();
        units.forEach(u -> byCurrency.merge(u.closingValue().currency(), u.closingValue().amount(), Long::sum));
        return new LiabilityReport(from, asOf, units,
                byCurrency.entrySet().stream().map(e -> new Money(e.getValue(), e.getKey())).toList());
    }

    private enum Movement { OPENING, ISSUED, REDEEMED, EXPIRED, REVOKED, CLOSING, HELD }

    /** One unit's sums over one part of the period: wallet lines, system lines by account, holds. */
    private record LiabilityRow(String unit, long wallets, long issued, long redeemed, long expired, long revoked,
                                long held) {}

    private static final String LIABILITY = """
            SELECT p.unit,
                   SUM(CASE WHEN {wallet} THEN p.amount ELSE 0 END),
                   SUM(CASE WHEN {goodwill} THEN -p.amount ELSE 0 END),
                   SUM(CASE WHEN p.account_id = 'redeemed' THEN p.amount ELSE 0 END),
                   SUM(CASE WHEN p.account_id = 'expired' THEN p.amount ELSE 0 END),
                   SUM(CASE WHEN p.account_id = 'revoked' THEN p.amount ELSE 0 END),
                   SUM(CASE WHEN p.account_id LIKE 'hold:%' THEN p.amount ELSE 0 END)
              FROM {source}
             WHERE {period}
             GROUP BY p.unit
            """;

    public EffectivenessReport effectiveness(Instant from, Instant to, List<Dimension> groupBy) {
        requireRange(from, to);
        record GrantFacts(String id, List<String> group, Instant createdAt) {}
        String dims = String.join(", ", groupBy.stream().map(d -> d.grantColumn).toList());
        Map<String, GrantFacts> grants = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT id, created_at, " + dims + " FROM grants"
                        + " WHERE created_at >= :from AND created_at < :to AND status IN ('issued', 'revoked')")
                .bind("from", from).bind("to", to).setFetchSize(FETCH)
                .map((rs, ctx) -> {
                    List<String> group = new ArrayList<>();
                    for (int i = 0; i < groupBy.size(); i++) {
                        group.add(rs.getString(3 + i));
                    }
                    return new GrantFacts(rs.getString(1), group, Database.instant(rs, 2));
                }).forEach(grant -> grants.put(grant.id(), grant)));

        final class Tally {
            long grants;
            long redeemedGrants;
            long issued;
            long redeemed;
            final List<Long> secondsToFirst = new ArrayList<>();
        }
        record Spent(String grant, long issued, long redeemed, Instant first) {
            Spent plus(Spent other) {
                Instant earliest = first == null ? other.first : other.first == null || first.isBefore(other.first)
                        ? first : other.first;
                return new Spent(grant, issued + other.issued, redeemed + other.redeemed, earliest);
            }
        }
        Map<String, Spent> spent = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT p.grant_id, p.unit,
                               SUM(CASE WHEN {goodwill} THEN -p.amount ELSE 0 END),
                               SUM(CASE WHEN p.account_id = 'redeemed' THEN p.amount ELSE 0 END),
                               MIN(CASE WHEN p.account_id = 'redeemed' AND p.amount > 0 THEN p.created_at END)
                          FROM postings p
                         WHERE p.created_at >= :from AND p.grant_id IS NOT NULL
                           AND ({goodwill} OR p.account_id = 'redeemed')
                         GROUP BY p.grant_id, p.unit
                        """.replace("{goodwill}", GOODWILL)).bind("from", from).setFetchSize(FETCH)
                .map((rs, ctx) -> {
                    String unit = rs.getString(2);
                    boolean valued = unit.equals(Accounts.POINTS) || unit.equals(accountingCurrency);
                    return valued ? new Spent(rs.getString(1), value(rs.getLong(3), unit).amount(),
                            value(rs.getLong(4), unit).amount(), Database.instant(rs, 5)) : null;
                }).forEach(row -> {
                    if (row != null && grants.containsKey(row.grant())) {
                        spent.merge(row.grant(), row, Spent::plus);
                    }
                }));

        Map<List<String>, Tally> tallies = new TreeMap<>(Comparator.comparing(
                (List<String> k) -> String.join("\u0000", k.stream().map(v -> v == null ? "" : v).toList())));
        grants.forEach((id, facts) -> {
            Tally t = tallies.computeIfAbsent(facts.group(), k -> new Tally());
            t.grants++;
            Spent s = spent.get(id);
            if (s != null) {
                t.issued += s.issued();
                t.redeemed += s.redeemed();
                if (s.first() != null) {
                    t.redeemedGrants++;
                    t.secondsToFirst.add(Duration.between(facts.createdAt(), s.first()).toSeconds());
                }
            }
        });
        List<EffectivenessReport.Row> rows = new ArrayList<>();
        tallies.forEach((key, t) -> {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                group.put(groupBy.get(i).wire(), key.get(i));
            }
            rows.add(new EffectivenessReport.Row(group, t.grants, t.redeemedGrants, new Money(t.issued, accountingCurrency),
                    new Money(t.redeemed, accountingCurrency),
                    t.issued == 0 ? null : Math.round(10_000.0 * t.redeemed / t.issued) / 10_000.0,
                    median(t.secondsToFirst)));
        });
        return new EffectivenessReport(from, to, groupBy.stream().map(Dimension::wire).toList(), rows);
    }

    /** The lower median, so that the answer is a time some grant actually took. */
    static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static final String JOURNAL = """
            SELECT e.seq, p.entry_id, p.line, p.created_at, e.kind, p.account_id, p.unit, p.amount, e.reason_code,
                   p.grant_id, e.customer_id
              FROM journal_entries e JOIN postings p ON p.entry_id = e.id
             WHERE e.created_at >= :from AND e.created_at < :to
            """;

    /** A page of the journal in the order it was written. */
    public Page<JournalLine> journal(Instant from, Instant to, int limit, String cursor) {
        requireRange(from, to);
        String key = Cursor.decode(cursor);
        long seq = 0;
        int line = 0;
        if (key != null) {
            String[] parts = key.split(":");
            try {
                seq = Long.parseLong(parts[0]);
                line = Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                throw new ApiException(ErrorCode.INVALID_CURSOR, "cursor is not one this server issued");
            }
        }
        long afterSeq = seq;
        int afterLine = line;
        record Keyed(long seq, JournalLine line) {}
        List<Keyed> rows = jdbi.withHandle(h -> h.createQuery(JOURNAL
                        + " AND e.seq >= :seq AND (e.seq > :seq OR p.line > :line) ORDER BY e.seq, p.line LIMIT :limit")
                .bind("from", from).bind("to", to).bind("seq", afterSeq).bind("line", afterLine).bind("limit", limit + 1)
                .map((rs, ctx) -> new Keyed(rs.getLong(1), journalLine(rs))).list());
        return Page.of(rows, limit, k -> k.seq() + ":" + k.line().line(), Keyed::line);
    }

    /** Every journal line in [from, to), in order, to a consumer, without holding them. */
    public void streamJournal(Instant from, Instant to, Consumer<JournalLine> sink) {
        requireRange(from, to);
        // A transaction, so that PostgreSQL streams with a cursor instead of sending every row at
        // once; read-only, so that on H2 a slow download does not hold up writers.
        try (Handle handle = OneTransactionAtATime.readOnly(jdbi.open())) {
            handle.useTransaction(h -> {
                Query query = h.createQuery(JOURNAL + " ORDER BY e.seq, p.line");
                query.bind("from", from).bind("to", to).setFetchSize(FETCH)
                        .map((rs, ctx) -> journalLine(rs)).forEach(sink);
            });
        }
    }

    private static JournalLine journalLine(ResultSet rs) throws SQLException {
        long amount = rs.getLong(8);
        return new JournalLine(rs.getString(2), rs.getInt(3), Database.instant(rs, 4), rs.getString(5), rs.getString(6),
                amount < 0 ? -amount : 0, amount > 0 ? amount : 0, rs.getString(7), rs.getString(9), rs.getString(10),
                rs.getString(11));
    }

    public static void requireRange(Instant from, Instant to) {
        if (from == null) {
            throw ApiException.invalid("from", "is required (ISO-8601, e.g. 2026-11-01T00:00:00Z)");
        }
        if (to == null) {
            throw ApiException.invalid("to", "is required (ISO-8601, e.g. 2026-12-01T00:00:00Z)");
        }
        if (!from.isBefore(to)) {
            throw ApiException.invalid("to", "must be after from");
        }
    }
}
