package com.amends.platform;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.ui.LoggerUIService;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Brings the schema up to date at start. Liquibase's lock table makes this safe when several
 * instances start against one database at once.
 */
public final class Migrations {
    public static final String CHANGELOG = "db/changelog.xml";

    private Migrations() {}

    public static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
                // Liquibase talks to standard output by default; send it to the log instead.
                Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService(),
                                "liquibase.showSummaryOutput", UpdateSummaryOutputEnum.LOG),
                        () -> liquibase.update(new Contexts(), new LabelExpression()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not migrate the database schema", e);
        }
    }
}
