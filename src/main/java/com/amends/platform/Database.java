package com.amends.platform;

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

    /**
     * Instants cross JDBC as {@code OffsetDateTime} in UTC into {@code TIMESTAMP WITH TIME ZONE}
     * columns: {@code java.sql.Timestamp} would pass through the JVM's default zone, and a server
     * started in another zone would then read back other times than it wrote.
     */
    public static Jdbi configure(Jdbi jdbi) {
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
