package com.amends.privacy;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The tables of a customer's export, each the rows Amends holds about them, columns as stored.
 * {@code :c} is the customer's id; {@code :quoted} and {@code :suffixed} find them in stored JSON,
 * as the erasure does.
 */
enum ExportTable {
    ACCOUNTS("SELECT * FROM accounts WHERE customer_id = :c ORDER BY id"),
    GRANTS("SELECT * FROM grants WHERE customer_id = :c ORDER BY id"),
    POINT_LOTS("SELECT * FROM point_lots WHERE customer_id = :c ORDER BY id"),
    VOUCHERS("SELECT * FROM vouchers WHERE customer_id = :c ORDER BY id"),
    REDEMPTIONS("SELECT * FROM redemptions WHERE customer_id = :c ORDER BY id"),
    REDEMPTION_LOTS("""
            SELECT l.* FROM redemption_lots l JOIN redemptions r ON r.id = l.redemption_id
             WHERE r.customer_id = :c ORDER BY l.redemption_id, l.lot_id
            """),
    REVERSALS("""
            SELECT v.* FROM reversals v JOIN redemptions r ON r.id = v.redemption_id
             WHERE r.customer_id = :c ORDER BY v.id
            """),
    HOLDS("SELECT * FROM holds WHERE customer_id = :c ORDER BY id"),
    /** Every line of every journal entry that moved value in or out of one of the customer's accounts. */
    LEDGER_ENTRIES("""
            SELECT p.entry_id, p.line, e.kind, p.created_at, p.account_id, p.unit, p.amount, p.balance_after, p.grant_id,
                   e.reason_code
              FROM postings p JOIN journal_entries e ON e.id = p.entry_id
             WHERE p.entry_id IN (SELECT q.entry_id FROM postings q JOIN accounts a ON a.id = q.account_id
                                   WHERE a.customer_id = :c)
             ORDER BY e.seq, p.line
            """),
    GOODWILL_TOTALS("SELECT * FROM goodwill_totals WHERE customer_id = :c ORDER BY unit"),
    CAMPAIGN_RECIPIENTS("SELECT * FROM campaign_recipients WHERE customer_id = :c ORDER BY campaign_id, batch_id, line"),
    EVENTS("SELECT seq, id, type, customer_id, request_id, created_at, payload FROM events WHERE customer_id = :c ORDER BY seq"),
    /** With each event's place in the audit chain and its hash, from its link (null until sealed). */
    AUDIT_EVENTS("""
            SELECT e.*, l.chain_position, l.hash FROM audit_events e LEFT JOIN audit_links l ON l.event_seq = e.seq
             WHERE e.target_id = :c
                OR e.before_state LIKE :quoted ESCAPE '!' OR e.after_state LIKE :quoted ESCAPE '!'
                OR e.before_state LIKE :suffixed ESCAPE '!' OR e.after_state LIKE :suffixed ESCAPE '!'
             ORDER BY e.seq
            """);

    /** Columns that hold JSON: the JSON export carries them as JSON, CSV as text. */
    static final Set<String> JSON_COLUMNS = Set.of("payload", "before_state", "after_state", "reward", "approval_reasons");

    final String sql;

    ExportTable(String sql) {
        this.sql = sql;
    }

    String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<ExportTable> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(name)).findFirst();
    }

    static String[] wires() {
        return Arrays.stream(values()).map(ExportTable::wire).toArray(String[]::new);
    }
}
