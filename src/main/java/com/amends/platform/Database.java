package com.amends.platform;

import io.dropwizard.db.DataSourceFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/** Jdbi settings shared by the server, its commands and the tests. */
public final class Database {
    private Database() {}

    /** What a SQL statement writes where it locks the rows it selects: {@code SELECT ... <forUpdate>}. */
    private static final String FOR_UPDATE = "forUpdate";

    /**
     * Every connection of the pool is opened at READ COMMITTED, once, whatever the database's
     * own default: {@link Transactor} relies on it instead of setting the level per transaction.
     */
    public static DataSourceFactory readCommitted(DataSourceFactory settings) {
        settings.setDefaultTransactionIsolation(DataSourceFactory.TransactionIsolation.READ_COMMITTED);
        return settings;
    }

    /**
     * Instants cross JDBC as {@code OffsetDateTime} in UTC into {@code TIMESTAMP WITH TIME ZONE}
     * columns: {@code java.sql.Timestamp} would pass through the JVM's default zone, and a server
     * started in another zone would then read back other times than it wrote.
     */
    public static Jdbi configure(Jdbi jdbi, DatabaseKind kind) {
        // Rows are locked to take turns, never to change their key. PostgreSQL's FOR UPDATE would
        // also block the key-share lock that inserting a row which refers to the locked one takes
        // (a redemption naming its customer while a grant holds that customer), and two
        // transactions waiting on each other that way deadlock. H2 knows only FOR UPDATE, and runs
        // one writing transaction at a time anyway.
        jdbi.define(FOR_UPDATE, kind == DatabaseKind.POSTGRESQL ? "FOR NO KEY UPDATE" : "FOR UPDATE");
        CommentedTemplateEngine.install(jdbi);
        WireEnum.install(jdbi);
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setObject(position, value.atOffset(ZoneOffset.UTC));
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> instant(rs, column));
        return jdbi;
    }

    /** Reads a TIMESTAMP WITH TIME ZONE column as an instant, for hand-written row mappers. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
