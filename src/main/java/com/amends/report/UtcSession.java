package com.amends.report;

import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** For DAOs whose statements take the UTC day of a time. */
interface UtcSession {
    /**
     * Days are UTC days whatever the database server's own zone; the statement exists in H2 and
     * PostgreSQL alike. It holds for the session, so the query that needs it runs on the same
     * handle (a default method keeps one handle for all its calls, as does a transaction).
     */
    @SqlUpdate("SET TIME ZONE 'UTC'")
    void utc();
}
