package com.amends.platform;

import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.Extensions;

/**
 * The one way to open a transaction. The work gets a {@link Tx}, and every helper that must run
 * inside a transaction takes that {@code Tx} as an argument, so what commits together is visible
 * where the transaction is opened. DAOs built by {@link #onDemand} run on this thread's handle
 * inside the work, so every statement of it commits or rolls back together.
 *
 * <p>A transaction is never opened inside another: a nested call is refused rather than joined,
 * because a helper that silently joins its caller's transaction commits or not depending on who
 * called it.
 *
 * <p>Transactions run at READ COMMITTED, the level every connection is opened with
 * ({@link Database#readCommitted}); the ledger's guarded updates and row locks are written for
 * it. The level is not named here again: Jdbi would then read it and set it back around every
 * transaction, which on PostgreSQL is a round trip each time.
 *
 * <p>A transaction the database aborts to break a deadlock or a serialization conflict is
 * retried a few times: the work is all in the database, so running it again is safe.
 */
public final class Transactor {
    private static final int ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final ThreadHandle threadHandle;

    public Transactor(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.threadHandle = new ThreadHandle(jdbi);
    }

    public <T> T inTransaction(Function<Tx, T> work) {
        if (inTransaction()) {
            throw new IllegalStateException("A transaction is already open on this thread: pass its Tx instead");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(handle -> {
                    Tx tx = new Tx(handle);
                    try {
                        return work.apply(tx);
                    } finally {
                        tx.close();
                    }
                });
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
                sleepBeforeRetry(attempt);
            }
        }
    }

    public void run(Consumer<Tx> work) {
        inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** Whether this thread is inside a transaction opened here. */
    private boolean inTransaction() {
        return jdbi.getHandleScope().get() != null;
    }

    /**
     * A DAO whose calls run in this thread's transaction, or each in a handle of its own outside
     * one, as Jdbi's on-demand DAOs do; built once rather than at every call (see ThreadHandle).
     */
    public <T> T onDemand(Class<T> dao) {
        return jdbi.getConfig(Extensions.class).findFor(dao, threadHandle)
                .orElseThrow(() -> new IllegalArgumentException(dao.getName() + " is not a DAO Jdbi can attach"));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Deadlock, serialization failure or lock time-out, on PostgreSQL and H2. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("40001") || state.equals("40P01") || state.equals("HYT00")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A unique or primary key was violated: someone else inserted the same row first. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep((long) (Math.random() * 10 * attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
