package com.amends.report;

import com.amends.platform.ApiException;
import com.amends.platform.Cursor;
import com.amends.platform.ErrorCode;
import com.amends.platform.OneTransactionAtATime;
import com.amends.platform.Page;
import com.amends.platform.Transactor;
import java.time.Instant;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** The journal as a general-ledger export: one line per posting, in the order written. */
public final class JournalExport {
    private final Transactor transactor;
    private final JournalDao dao;

    public JournalExport(Transactor transactor) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(JournalDao.class);
    }

    /** A page of the journal in the order it was written. */
    public Page<JournalLine> journal(Instant from, Instant to, int limit, String cursor) {
        Periods.requireRange(from, to);
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
        return Page.of(dao.page(from, to, seq, line, limit + 1), limit, r -> r.seq() + ":" + r.line(),
                JournalDao.Row::toLine);
    }

    /** Every journal line in [from, to), in order, to a consumer, without holding them. */
    public void streamJournal(Instant from, Instant to, Consumer<JournalLine> sink) {
        Periods.requireRange(from, to);
        // A transaction, so that PostgreSQL streams with a cursor instead of sending every row at
        // once; read-only, so that on H2 a slow download does not hold up writers. Transactor opens
        // only writing transactions, hence the handle of its own.
        try (Handle handle = OneTransactionAtATime.readOnly(transactor.jdbi().open())) {
            handle.useTransaction(h -> h.attach(JournalDao.class).all(from, to).forEach(row -> sink.accept(row.toLine())));
        }
    }
}
