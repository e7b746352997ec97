package com.amends.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(StoredEvent.class)
@RegisterColumnMapper(EventDao.TypeMapper.class)
interface EventDao {
    /** The type column holds the wire name ({@code grant.issued}), not the enum constant's. */
    final class TypeMapper implements ColumnMapper<EventType> {
        @Override
        public EventType map(ResultSet rs, int column, StatementContext ctx) throws SQLException {
            String wire = rs.getString(column);
            return wire == null ? null : EventType.fromWire(wire)
                    .orElseThrow(() -> new IllegalStateException("unknown event type " + wire));
        }
    }

    /** Answers the seq of each row, in order. */
    @SqlBatch("""
            INSERT INTO events (id, type, customer_id, request_id, created_at, payload)
            VALUES (:id, :type, :customerId, :requestId, :createdAt, :payload)
            """)
    @GetGeneratedKeys("seq")
    long[] insertAll(@BindMethods List<NewRow> events);

    record NewRow(String id, String type, String customerId, String requestId, Instant createdAt, String payload) {}

    /**
     * Oldest first after {@code after}; {@code conditions} are fixed fragments from
     * {@link EventFilter#conditions()}, and the index their first column names serves the order.
     */
    @SqlQuery("SELECT * FROM events WHERE seq > :after <conditions> ORDER BY <order> LIMIT :limit")
    List<StoredEvent> list(@Define String conditions, @Define String order, @BindMethods EventFilter filter,
                           long after, int limit);

    @SqlQuery("SELECT * FROM events WHERE id = :id")
    Optional<StoredEvent> find(String id);

    @SqlQuery("SELECT MAX(seq) FROM events WHERE created_at < :before")
    Optional<Long> lastSeqBefore(Instant before);

    @SqlUpdate("DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE seq <= :upTo ORDER BY seq LIMIT :limit)")
    int deleteUpTo(long upTo, int limit);
}
