package com.amends.platform.idempotency;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(StoredRequest.class)
interface IdempotencyDao {

    @SqlQuery("""
            SELECT api_key_id, idempotency_key, request_hash, owner, locked_until,
                   response_status, response_body, expires_at
              FROM idempotency_keys
             WHERE api_key_id = :apiKeyId AND idempotency_key = :key
            """)
    Optional<StoredRequest> find(String apiKeyId, String key);

    /** Answers 0 if the key is held already; on PostgreSQL it waits for a claim not yet committed. */
    @SqlUpdate("""
            INSERT INTO idempotency_keys
                (api_key_id, idempotency_key, request_hash, owner, locked_until, created_at, expires_at,
                 response_status, response_body)
            VALUES (:apiKeyId, :idempotencyKey, :requestHash, :owner, :lockedUntil, :createdAt, :expiresAt,
                    :responseStatus, :responseBody)
            ON CONFLICT DO NOTHING
            """)
    int insert(@BindMethods NewRequest request);

    /** Records the answer of the claim made in this same transaction. */
    @SqlUpdate("""
            UPDATE idempotency_keys SET response_status = :status, response_body = :body
             WHERE api_key_id = :apiKeyId AND idempotency_key = :key AND owner = :owner
            """)
    void answer(String apiKeyId, String key, String owner, int status, String body);

    /** Deletes a key past its retention, or a claim its owner abandoned, so that it can be claimed anew. */
    @SqlUpdate("DELETE FROM idempotency_keys WHERE api_key_id = :apiKeyId AND idempotency_key = :key AND owner = :owner")
    int forget(String apiKeyId, String key, String owner);

    @SqlUpdate("DELETE FROM idempotency_keys WHERE expires_at <= :now")
    int deleteExpired(Instant now);
}
