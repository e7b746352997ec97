package com.amends.report;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The journal's postings in the order they were written, found through their entry's time. */
@RegisterConstructorMapper(JournalDao.Row.class)
interface JournalDao {
    record Row(long seq, String entryId, int line, Instant createdAt, String kind, String accountId, String unit,
               long amount, String reasonCode, String grantId, String customerId) {
        /** The journal's sign convention: a negative amount is a debit, a positive one a credit. */
        JournalLine toLine() {
            return new JournalLine(entryId, line, createdAt, kind, accountId, amount < 0 ? -amount : 0,
                    amount > 0 ? amount : 0, unit, reasonCode, grantId, customerId);
        }
    }

    /** The lines after ({@code seq}, {@code line}): {@code limit} of them. */
    @SqlQuery("""
            SELECT e.seq, p.entry_id, p.line, p.created_at, e.kind, p.account_id, p.unit, p.amount, e.reason_code,
                   p.grant_id, e.customer_id
              FROM journal_entries e JOIN postings p ON p.entry_id = e.id
             WHERE e.created_at >= :from AND e.created_at < :to
               AND e.seq >= :seq AND (e.seq > :seq OR p.line > :line)
             ORDER BY e.seq, p.line LIMIT :limit
            """)
    List<Row> page(Instant from, Instant to, long seq, int line, int limit);

    @SqlQuery("""
            SELECT e.seq, p.entry_id, p.line, p.created_at, e.kind, p.account_id, p.unit, p.amount, e.reason_code,
                   p.grant_id, e.customer_id
              FROM journal_entries e JOIN postings p ON p.entry_id = e.id
             WHERE e.created_at >= :from AND e.created_at < :to
             ORDER BY e.seq, p.line
            """)
    @FetchSize(PostingSumsDao.FETCH)
    ResultIterable<Row> all(Instant from, Instant to);
}
