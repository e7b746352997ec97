package com.amends.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/** Reaches an embedded H2 database behind a JDBC connection, for what SQL cannot ask of it. */
final class H2Engine {
    private H2Engine() {}

    /** The session of an embedded H2 connection; none for another database or an H2 server reached over TCP. */
    static Optional<SessionLocal> sessionOf(Connection connection) {
        try {
            if (connection.isWrapperFor(JdbcConnection.class)
                    && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local) {
                return Optional.of(local);
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot unwrap the H2 connection", e);
        }
    }

    /** The store of an embedded H2 file database; none in memory, on a server over TCP or on PostgreSQL. */
    static Optional<MVStore> fileStoreOf(Connection connection) {
        Optional<SessionLocal> session = sessionOf(connection);
        if (session.isEmpty() || !session.get().getDatabase().isPersistent()) {
            return Optional.empty();
        }
        MVStore store = session.get().getDatabase().getStore().getMvStore();
        return store.getFileStore() == null ? Optional.empty() : Optional.of(store);
    }

    /**
     * Whether the database behind this session can no longer serve: H2 closes its store for good
     * when a write to the file fails (a full disk), and every session of that database is dead.
     */
    static boolean isDead(SessionLocal session) {
        var database = session.getDatabase();
        return session.isClosed() || database.isClosing() || database.getStore().getMvStore().isClosed();
    }
}
