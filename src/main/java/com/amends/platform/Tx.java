package com.amends.platform;

import org.jdbi.v3.core.Handle;

/**
 * Proof that a transaction is open on this thread. Only {@link Transactor#inTransaction} makes
 * one, so a method that takes a {@code Tx} says in its signature that it must run inside the
 * caller's transaction, and cannot be called from anywhere that has not opened one. The DAOs
 * that such a method calls run on this transaction's handle.
 */
public final class Tx {
    private final Handle handle;
    private boolean open = true;

    Tx(Handle handle) {
        this.handle = handle;
    }

    /** The transaction's handle, for a statement no DAO holds (a report's hand-built query). */
    public Handle handle() {
        requireOpen();
        return handle;
    }

    /** Runs {@code work} once this transaction has committed or rolled back (a cache to clear). */
    public void afterEnd(Runnable work) {
        requireOpen();
        handle.afterCommit(work);
        handle.afterRollback(work);
    }

    /**
     * Fails when this transaction has ended: a {@code Tx} kept past its work (in a field, a
     * lambda run later) would otherwise let statements run in autocommit, unnoticed on
     * PostgreSQL.
     */
    public void requireOpen() {
        if (!open) {
            throw new IllegalStateException("This transaction has ended");
        }
    }

    void close() {
        open = false;
    }
}
