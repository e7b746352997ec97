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
            INSERT INTO api_keys (id, name, role, secret_hash, created_at)
            VALUES (:id, :name, :role, :secretHash, :createdAt)
            """)
    void insert(@BindMethods ApiKey key);

    @SqlQuery("SELECT * FROM api_keys WHERE id = :id")
    Optional<ApiKey> find(String id);

    @SqlQuery("SELECT * FROM api_keys WHERE id < :before ORDER BY id DESC LIMIT :limit")
    List<ApiKey> list(String before, int limit);

    @SqlUpdate("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    int revoke(String id, Instant now);

    /** Written at most once a minute per key, so that authentication is not a write per request. */
    @SqlUpdate("""
            UPDATE api_keys SET last_used_at = :now
             WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :staleBefore)
            """)
    int touch(String id, Instant now, Instant staleBefore);
}
