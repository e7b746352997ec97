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

    @SqlUpdate("""
            INSERT INTO idempotency_keys
                (api_key_id, idempotency_key, request_hash, owner, locked_until, created_at, expires_at)
            VALUES (:apiKeyId, :idempotencyKey, :requestHash, :owner, :lockedUntil, :createdAt, :expiresAt)
            """)
    void insert(@BindMethods NewRequest request);

    /** Takes over a claim whose owner died before answering; only one taker can win. */
    @SqlUpdate("""
            UPDATE idempotency_keys SET owner = :owner, locked_until = :lockedUntil
             WHERE api_key_id = :apiKeyId AND idempotency_key = :key
               AND response_status IS NULL AND owner = :staleOwner
            """)
    int takeOver(String apiKeyId, String key, String staleOwner, String owner, Instant lockedUntil);

    /**
     * Records the answer, but only while this request still owns the claim: run in the same
     * transaction as the effect, a zero here rolls the effect back.
     */
    @SqlUpdate("""
            UPDATE idempotency_keys SET response_status = :status, response_body = :body
             WHERE api_key_id = :apiKeyId AND idempotency_key = :key
               AND owner = :owner AND response_status IS NULL
            """)
    int complete(String apiKeyId, String key, String owner, int status, String body);

    @SqlUpdate("""
            DELETE FROM idempotency_keys
             WHERE api_key_id = :apiKeyId AND idempotency_key = :key AND owner = :owner AND response_status IS NULL
            """)
    int release(String apiKeyId, String key, String owner);

    @SqlUpdate("DELETE FROM idempotency_keys WHERE api_key_id = :apiKeyId AND idempotency_key = :key AND expires_at <= :now")
    int deleteIfExpired(String apiKeyId, String key, Instant now);

    @SqlUpdate("DELETE FROM idempotency_keys WHERE expires_at <= :now")
    int deleteExpired(Instant now);
}
