package com.amends.platform;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * On H2, runs the transactions of this server one at a time (read-only ones excepted).
 *
 * <p>H2 writes a commit by storing every table's changed pages, including those of other
 * transactions still running; if the process is killed then, part of such an unfinished
 * transaction can survive the restart (the crash test caught postings and a balance kept
 * without their journal entry). With one transaction at a time, nothing unfinished is in the
 * pages a commit stores. Writes outside a transaction must therefore not exist on H2: every
 * write goes through {@link Transactor}. PostgreSQL keeps unfinished transactions out of what
 * survives a crash by itself and gets none of this.
 *
 * <p>It also keeps a commit from being read before it is in the file. H2 makes a transaction's
 * changes visible to other sessions first and stores them afterwards, still inside
 * {@code commit()}; a read in that gap (a poll of a campaign while the worker commits a chunk of
 * 2,000 credits) could show what a kill then lost. So a commit holds a lock that every statement
 * run outside a writing transaction takes, shared, while it executes: H2 takes a statement's
 * snapshot when it starts, so no statement can start while a commit is visible but not yet
 * stored. Writing transactions need no such lock: they run one at a time, so none is ever
 * open while another commits.
 */
public final class OneTransactionAtATime extends DelegatingTransactionHandler {
    private static final Pattern WRITE = Pattern.compile("\\s*(INSERT|UPDATE|DELETE|MERGE)\\b", Pattern.CASE_INSENSITIVE);

    private static final String READ_ONLY = "amends.readOnly";

    private static final String SNAPSHOT = "amends.snapshot";

    private final ReentrantLock lock;
    /** Exclusive while a writing transaction commits, shared while a statement outside one runs. */
    private final ReentrantReadWriteLock committing;

    private OneTransactionAtATime(TransactionHandler delegate, ReentrantLock lock, ReentrantReadWriteLock committing) {
        super(delegate);
        this.lock = lock;
        this.committing = committing;
    }

    /**
     * Installs it on H2, with a guard that refuses a write outside a
     * transaction: such a write's commit would store the pages of the transaction running then.
     */
    public static void installOnH2(Jdbi jdbi, DatabaseKind kind) {
        if (kind != DatabaseKind.H2) {
            return;
        }
        ReentrantLock lock = new ReentrantLock();
        ReentrantReadWriteLock committing = new ReentrantReadWriteLock();
        jdbi.setTransactionHandler(new OneTransactionAtATime(jdbi.getTransactionHandler(), lock, committing));
        jdbi.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
                if (context.getConnection().getAutoCommit() && WRITE.matcher(context.getRawSql()).lookingAt()) {
                    throw new IllegalStateException("A write outside a transaction: run it through Transactor");
                }
                if (!lock.isHeldByCurrentThread()) {
                    committing.readLock().lock();
                    AtomicBoolean held = new AtomicBoolean(true);
                    Runnable release = () -> {
                        if (held.getAndSet(false)) {
                            committing.readLock().unlock();
                        }
                    };
                    context.define(SNAPSHOT, release);
                    context.addCleanable(release::run); // the statement failed, so afterExecution is not called
                }
            }

            @Override
            public void afterExecution(PreparedStatement statement, StatementContext context) {
                // The snapshot is taken: the rows it reads stay those of the commits stored before it.
                if (context.getAttribute(SNAPSHOT) instanceof Runnable release) {
                    release.run();
                }
            }
        });
    }

    /**
     * Marks a handle whose transactions only read, so that they do not wait for writers or keep
     * them waiting. A handle attribute, not the connection's read-only flag: that flag would
     * stay on the pooled connection after the handle is closed.
     */
    public static Handle readOnly(Handle handle) {
        return handle.define(READ_ONLY, true);
    }

    private static boolean isReadOnly(Handle handle) {
        return Boolean.TRUE.equals(handle.getConfig(SqlStatements.class).getAttribute(READ_ONLY));
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new OneTransactionAtATime(getDelegate().specialize(handle), lock, committing);
    }

    /** A writing transaction's commit returns once H2 has stored it, and nobody reads it before. */
    @Override
    public void commit(Handle handle) {
        if (!lock.isHeldByCurrentThread()) {
            super.commit(handle);
            return;
        }
        committing.writeLock().lock();
        try {
            super.commit(handle);
        } finally {
            committing.writeLock().unlock();
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        return oneAtATime(handle, () -> super.inTransaction(handle, callback));
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                    HandleCallback<R, X> callback) throws X {
        return oneAtATime(handle, () -> super.inTransaction(handle, level, callback));
    }

    private interface Work<R, X extends Exception> {
        R run() throws X;
    }

    private <R, X extends Exception> R oneAtATime(Handle handle, Work<R, X> work) throws X {
        if (isReadOnly(handle)) {
            return work.run();
        }
        lock.lock();
        try {
            return work.run();
        } finally {
            lock.unlock();
        }
    }
}
