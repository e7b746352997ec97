package com.amends.platform;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.h2.engine.Database;
import org.h2.engine.Engine;
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
     * Makes H2 forget a database that closed itself, if it is still the one registered under its
     * file's name, so that the next connection opens the file afresh. Left alone, H2 forgets it
     * only once its last session closes, and under load the pool keeps opening new (dead)
     * sessions on it, so that never happens. Shutting it down this way also stops its sessions
     * from unregistering a fresh database later. Only the registered database is shut down, and
     * under the lock H2 itself takes to register one, so a fresh database is never touched.
     */
    static void forget(Database dead) {
        try {
            Field registry = Engine.class.getDeclaredField("DATABASES");
            registry.setAccessible(true);
            Map<?, ?> databases = (Map<?, ?>) registry.get(null);
            Object holder;
            synchronized (databases) {
                holder = databases.get(dead.getName());
            }
            if (holder == null) {
                return;
            }
            Field registered = holder.getClass().getDeclaredField("database");
            registered.setAccessible(true);
            synchronized (holder) {
                if (registered.get(holder) == dead) {
                    dead.shutdownImmediately();
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This H2 version keeps its databases otherwise", e);
        }
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
