package com.amends.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ApiKey.class)
interface ApiKeyDao {

    @SqlUpdate("""
            INSERT INTO api_keys (id, name, role, secret_hash, created_at, expires_at, rate_limit_per_second,
                                  rate_limit_burst)
            VALUES (:id, :name, :role, :secretHash, :createdAt, :expiresAt, :rateLimitPerSecond, :rateLimitBurst)
            """)
    void insert(@BindMethods ApiKey key);

    @SqlQuery("SELECT * FROM api_keys WHERE id = :id")
    Optional<ApiKey> find(String id);

    @SqlQuery("SELECT * FROM api_keys WHERE id = :id <forUpdate>")
    Optional<ApiKey> lock(String id);

    @SqlQuery("SELECT * FROM api_keys WHERE id < :before ORDER BY id DESC LIMIT :limit")
    List<ApiKey> list(String before, int limit);

    /** Keys in force (neither revoked nor expired) that nobody has used since {@code since}; a key never used counts from its creation. */
    @SqlQuery("""
            SELECT * FROM api_keys
             WHERE id < :before AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)
               AND COALESCE(last_used_at, created_at) < :since
             ORDER BY id DESC LIMIT :limit
            """)
    List<ApiKey> listUnused(String before, Instant since, Instant now, int limit);

    @SqlUpdate("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    int revoke(String id, Instant now);

    @SqlUpdate("""
            UPDATE api_keys SET secret_hash = :secretHash, previous_secret_hash = :previousSecretHash,
                   previous_secret_until = :previousSecretUntil, rolled_at = :rolledAt, expires_at = :expiresAt
             WHERE id = :id
            """)
    int roll(@BindMethods ApiKey key);

    /** Written at most once a minute per key, so that authentication is not a write per request. */
    @SqlUpdate("""
            UPDATE api_keys SET last_used_at = :now
             WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :staleBefore)
            """)
    int touch(String id, Instant now, Instant staleBefore);
}
