package com.amends.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.jdbi.v3.core.ConnectionException;

/**
 * Tells a database that cannot serve now (unreachable, restarting, shutting down, read-only, out
 * of disk or connections) from a bug: the first is answered 503 with Retry-After, so that
 * clients and balancers back off and retry, and is not logged as the server's error.
 */
public final class DatabaseOutage {
    /** SQLSTATE classes and codes of an unavailable database, as PostgreSQL and the JDBC drivers report them. */
    private static final Set<String> STATE_CLASSES = Set.of(
            "08", // connection exception: refused, lost, never made
            "53", // insufficient resources: disk full, out of memory, too many connections
            "58"); // system error: I/O
    private static final Set<String> STATES = Set.of(
            "57P01", "57P02", "57P03", // shutting down (admin, crash), not yet accepting connections
            "25006"); // read-only transaction: a standby, or a store made read-only
    /**
     * H2's error codes for the same: closed or closing, I/O, disk full, read-only, connection
     * broken, and its file held by a database of this process that is closing (see {@link H2StoreValidator}).
     */
    private static final Set<Integer> H2_CODES = Set.of(90098, 90121, 90028, 90031, 90100, 90097, 90067, 90020);
    /**
     * H2's store failing to read or write its file, or closed after such a failure: the first
     * error of a full disk, which H2 reports as a general error (50000) around this one.
     */
    private static final Set<Integer> STORE_CODES = Set.of(DataUtils.ERROR_READING_FAILED,
            DataUtils.ERROR_WRITING_FAILED, DataUtils.ERROR_CLOSED, DataUtils.ERROR_FILE_LOCKED);

    private DatabaseOutage() {}

    public static boolean is(Throwable failure) {
        return is(failure, 0);
    }

    private static boolean is(Throwable failure, int depth) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // H2 may report the store's failure as suppressed by what it met next (a statement it
            // could no longer parse on a database closing under it).
            if (depth < 3) {
                for (Throwable suppressed : cause.getSuppressed()) {
                    if (is(suppressed, depth + 1)) {
                        return true;
                    }
                }
            }
            if (cause instanceof ConnectionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && unavailable(sql)) {
                return true;
            }
            if (cause instanceof MVStoreException store && STORE_CODES.contains(store.getErrorCode())) {
                return true;
            }
            // The pool could not lend a connection in time: every one is busy or broken.
            if (cause.getClass().getName().equals("org.apache.tomcat.jdbc.pool.PoolExhaustedException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailable(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (STATES.contains(state)
                || (state.length() == 5 && STATE_CLASSES.contains(state.substring(0, 2))))) {
            return true;
        }
        return sql.getClass().getName().startsWith("org.h2.") && H2_CODES.contains(sql.getErrorCode());
    }
}
