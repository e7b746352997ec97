package com.amends.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(EndpointRow.class)
interface EndpointDao {
    @SqlUpdate("""
            INSERT INTO webhook_endpoints (id, url, description, event_types, enabled, disabled_reason, secret,
                                           previous_secret, previous_secret_until, failing_since, created_at, updated_at)
            VALUES (:id, :url, :description, :eventTypes, :enabled, :disabledReason, :secret,
                    :previousSecret, :previousSecretUntil, :failingSince, :createdAt, :updatedAt)
            """)
    void insert(@BindMethods EndpointRow row);

    @SqlQuery("SELECT * FROM webhook_endpoints WHERE id = :id")
    Optional<EndpointRow> find(String id);

    @SqlQuery("SELECT * FROM webhook_endpoints WHERE id = :id <forUpdate>")
    Optional<EndpointRow> lock(String id);

    @SqlQuery("SELECT * FROM webhook_endpoints WHERE id < :before ORDER BY id DESC LIMIT :limit")
    List<EndpointRow> list(String before, int limit);

    /** What the fan-out reads: few rows, read at most once a second or so per instance. */
    @SqlQuery("SELECT * FROM webhook_endpoints WHERE enabled = TRUE ORDER BY id")
    List<EndpointRow> enabled();

    @SqlUpdate("""
            UPDATE webhook_endpoints
               SET url = :url, description = :description, event_types = :eventTypes, enabled = :enabled,
                   disabled_reason = :disabledReason, failing_since = :failingSince, updated_at = :updatedAt
             WHERE id = :id
            """)
    int update(@BindMethods EndpointRow row);

    @SqlUpdate("""
            UPDATE webhook_endpoints
               SET secret = :secret, previous_secret = :previousSecret, previous_secret_until = :until, updated_at = :now
             WHERE id = :id
            """)
    int rotate(String id, String secret, String previousSecret, Instant until, Instant now);

    @SqlUpdate("DELETE FROM webhook_endpoints WHERE id = :id")
    int delete(String id);

    /** A success clears the endpoint's failing streak. */
    @SqlUpdate("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = :id AND failing_since IS NOT NULL")
    int succeeded(String id);

    @SqlUpdate("UPDATE webhook_endpoints SET failing_since = :at WHERE id = :id AND failing_since IS NULL")
    int failed(String id, Instant at);

    @SqlUpdate("""
            UPDATE webhook_endpoints SET enabled = FALSE, disabled_reason = :reason, updated_at = :now
             WHERE id = :id AND enabled = TRUE
            """)
    int disable(String id, String reason, Instant now);

    /** Endpoints whose every attempt has failed since before {@code before}. */
    @SqlQuery("SELECT id FROM webhook_endpoints WHERE enabled = TRUE AND failing_since < :before")
    List<String> failingSince(Instant before);
}
