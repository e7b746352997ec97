package com.amends.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database of its own for one test server: an in-memory H2 database, or a fresh schema on the
 * PostgreSQL server named by AMENDS_TEST_POSTGRES_URL, dropped when the test JVM exits. That
 * server is shared between test runs, so schemas left behind by a killed run are swept after
 * a day.
 */
public final class TestDatabase {
    public static final String POSTGRES_URL_VARIABLE = "AMENDS_TEST_POSTGRES_URL";
    private static final String SCHEMA_PREFIX = "amends_t_";

    private final String kind;
    private final String driver;
    private final String url;
    private final String user;
    private final Runnable drop;

    private TestDatabase(String kind, String driver, String url, String user, Runnable drop) {
        this.kind = kind;
        this.driver = driver;
        this.url = url;
        this.user = user;
        this.drop = drop;
    }

    public static boolean postgresConfigured() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    public static TestDatabase h2() {
        String name = "amends_" + UUID.randomUUID().toString().replace("-", "");
        return h2Url("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH");
    }

    public static TestDatabase h2File(java.nio.file.Path directory) {
        return h2Url("jdbc:h2:file:" + directory.resolve("amends").toAbsolutePath()
                + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;TRACE_LEVEL_FILE=0;RETENTION_TIME=10000");
    }

    /** An H2 database at this URL (e.g. one reached over TCP). */
    public static TestDatabase h2Url(String url) {
        return new TestDatabase("h2", "org.h2.Driver", url, "sa", () -> { });
    }

    public static TestDatabase postgres() {
        return postgres(System.getenv(POSTGRES_URL_VARIABLE));
    }

    /** A fresh schema on the PostgreSQL server at this JDBC URL. */
    public static TestDatabase postgres(String base) {
        String schema = SCHEMA_PREFIX + System.currentTimeMillis() / 1000 + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = DriverManager.getConnection(base); Statement statement = connection.createStatement()) {
            sweepAbandonedSchemas(statement);
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach PostgreSQL at " + POSTGRES_URL_VARIABLE, e);
        }
        // Batched inserts as one multi-row statement each, as production should configure too.
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&reWriteBatchedInserts=true";
        TestDatabase database = new TestDatabase("postgres", "org.postgresql.Driver", url, null, () -> {
            try (Connection connection = DriverManager.getConnection(base);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                System.err.println("Could not drop test schema " + schema + ": " + e.getMessage());
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(database.drop));
        return database;
    }

    private static void sweepAbandonedSchemas(Statement statement) throws SQLException {
        long dayAgo = System.currentTimeMillis() / 1000 - 86_400;
        List<String> stale = new ArrayList<>();
        try (ResultSet schemas = statement.executeQuery(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE '" + SCHEMA_PREFIX + "%'")) {
            while (schemas.next()) {
                String name = schemas.getString(1);
                String[] parts = name.substring(SCHEMA_PREFIX.length()).split("_");
                if (parts.length > 0 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < dayAgo) {
                    stale.add(name);
                }
            }
        }
        for (String name : stale) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    /** Drops the schema now (it is also dropped when the JVM exits normally). */
    public void drop() {
        drop.run();
    }

    public String kind() {
        return kind;
    }

    public String driver() {
        return driver;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public Connection connect() throws SQLException {
        return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, "");
    }
}
