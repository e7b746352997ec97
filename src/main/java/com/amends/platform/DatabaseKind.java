package com.amends.platform;

/**
 * Which database the server runs on, read once from the JDBC URL at start and handed to
 * whatever behaves differently on each: the lock statement ({@link Database}), one transaction
 * at a time and compaction on H2 ({@link OneTransactionAtATime}, {@link H2Compaction}), identity
 * columns after a crash ({@link Migrations}).
 */
public enum DatabaseKind {
    H2, POSTGRESQL;

    public static DatabaseKind of(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl;
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        // Only the scheme: the rest of a URL may carry a password.
        int schemeEnd = url.startsWith("jdbc:") ? url.indexOf(':', 5) : -1;
        throw new IllegalArgumentException("Amends runs on H2 or PostgreSQL; the database URL is "
                + (schemeEnd > 0 ? url.substring(0, schemeEnd + 1) + "..." : "not a JDBC URL"));
    }
}
