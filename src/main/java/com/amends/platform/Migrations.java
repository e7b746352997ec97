package com.amends.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date at start. Liquibase's lock table makes this safe when several
 * instances start against one database at once.
 */
public final class Migrations {
    public static final String CHANGELOG = "db/changelog.xml";
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    public static void migrate(DataSource dataSource, DatabaseKind kind) {
        try {
            try (Connection connection = dataSource.getConnection()) {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
                    // Liquibase talks to standard output by default (its messages, and a summary
                    // of every update); send both to the log instead, so that the jar's commands
                    // print only what they answer.
                    liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
                    Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()),
                            () -> liquibase.update(new Contexts(), new LabelExpression()));
                }
            }
            // Liquibase closes the connection it was given.
            if (kind == DatabaseKind.H2) {
                try (Connection connection = dataSource.getConnection()) {
                    continueIdentities(connection);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not migrate the database schema", e);
        }
    }

    /**
     * H2 hands out an identity column's numbers from a range it reserves in memory, and writes the
     * range's new end to the file in a transaction of its own just after reserving it. A request
     * that takes a number from the new range in between and commits is kept when the process is
     * killed; the range's end may not be. After the restart the column would then give out
     * numbers that rows already have (a unique violation, answered 500) or that sort before older
     * rows. So each start moves every identity column past the highest value in its table.
     * PostgreSQL logs a sequence's advance before any commit that uses it, and needs none of this.
     */
    private static void continueIdentities(Connection connection) throws SQLException {
        List<Identity> identities = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet columns = statement.executeQuery("""
                    SELECT TABLE_NAME, COLUMN_NAME, IDENTITY_BASE FROM INFORMATION_SCHEMA.COLUMNS
                     WHERE IS_IDENTITY = 'YES' AND TABLE_SCHEMA = CURRENT_SCHEMA""")) {
                while (columns.next()) {
                    identities.add(new Identity('"' + columns.getString(1) + '"', '"' + columns.getString(2) + '"',
                            columns.getLong(3)));
                }
            }
            for (Identity identity : identities) {
                long highest;
                try (ResultSet max = statement.executeQuery(
                        "SELECT COALESCE(MAX(" + identity.column() + "), 0) FROM " + identity.table())) {
                    max.next();
                    highest = max.getLong(1);
                }
                if (identity.next() <= highest) {
                    LOG.warn("{}.{} would give out {} but the table goes up to {} (the last stop was a crash); it "
                            + "continues at {}", identity.table(), identity.column(), identity.next(), highest, highest + 1);
                    statement.execute("ALTER TABLE " + identity.table() + " ALTER COLUMN " + identity.column()
                            + " RESTART WITH " + (highest + 1));
                }
            }
        }
    }

    private record Identity(String table, String column, long next) {}
}
