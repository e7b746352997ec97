package com.amends.platform.idempotency;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Json;
import com.amends.platform.Problem;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs a value-moving request at most once per (API key, Idempotency-Key).
 *
 * <p>The claim of the key, the effect, its audit event and the stored answer commit together,
 * in one transaction: if the server dies before that commit nothing happened, and a retry runs
 * the request afresh; if it dies after, the retry gets the stored answer. The claim is the
 * transaction's first statement, an insert that skips a key already there. A retry sent while
 * the first request is still running therefore waits at that insert (PostgreSQL) or for its
 * turn (H2, one transaction at a time) until the first commits, and then gets its answer; if the
 * first failed and rolled back, the retry runs instead.
 *
 * <p>Refusals (4xx) are stored too, in a transaction of their own after the effect's rolled
 * back, so a retry is told the same thing; "not now" ones such as 429 and unexpected failures
 * are not, so that the retry runs afresh. A claim left unanswered by an older version of the
 * server (which claimed keys in a transaction of their own) is taken over once its lease ends;
 * until then such a key is refused with 409 {@code idempotency_key_in_use} and {@code Retry-After},
 * as it is if the key keeps changing hands under this request.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** What a key may be: 1 to 255 visible ASCII characters. */
    public static final String KEY_PATTERN = "[\\x21-\\x7E]{1,255}";
    private static final Pattern VALID_KEY = Pattern.compile(KEY_PATTERN);
    private static final int CLAIM_ATTEMPTS = 5;
    /** The request holding the key is answered within its transaction, so a second is usually enough. */
    private static final int IN_USE_RETRY_SECONDS = 1;

    private final Transactor transactor;
    private final IdempotencyDao dao;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration retention;
    private final Duration lease;

    public Idempotency(Transactor transactor, ObjectMapper mapper, Clock clock, Duration retention, Duration lease) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(IdempotencyDao.class);
        this.mapper = mapper;
        this.clock = clock;
        this.retention = retention;
        this.lease = lease;
    }

    /** What one attempt came to: the answer it stored, or the request that holds the key already. */
    private record Attempt(Outcome outcome, String body, StoredRequest earlier) {}

    /**
     * Runs {@code work} in a transaction with the key's claim and answer, unless this key has
     * been answered already.
     *
     * @param request the parsed request (body and path/query values that shape the effect);
     *                the same key with a different request is refused
     */
    public Response execute(String apiKeyId, String key, String operation, Object request, Function<Tx, Outcome> work) {
        if (key == null || key.isBlank()) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_MISSING,
                    "Send an Idempotency-Key header (e.g. a UUID) so that a retry cannot apply this twice");
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw ApiException.invalid(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        String hash = fingerprint(operation, request);
        String owner = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Attempt done;
            try {
                done = transactor.inTransaction(tx -> {
                    Instant now = clock.instant();
                    Optional<StoredRequest> earlier = claim(apiKeyId, key, hash, owner, now);
                    if (earlier.isPresent()) {
                        return new Attempt(null, null, earlier.get());
                    }
                    Outcome outcome = work.apply(tx);
                    String body = Json.write(mapper, outcome.body());
                    dao.answer(apiKeyId, key, owner, outcome.status(), body);
                    return new Attempt(outcome, body, null);
                });
            } catch (KeyMoved moved) {
                continue;
            } catch (ApiException refusal) {
                if (refusal.errorCode().retryable() || storeRefusal(apiKeyId, key, hash, owner, refusal)) {
                    throw refusal;
                }
                continue; // another request with this key was answered meanwhile: its answer, next time round
            }
            if (done.earlier() == null) {
                return Response.status(done.outcome().status()).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(done.body()).build();
            }
            StoredRequest stored = done.earlier();
            if (!stored.requestHash().equals(hash)) {
                throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used for a different request; use a new key for a new request");
            }
            if (stored.answered()) {
                return replay(stored);
            }
            throw inUse(); // an older server's claim, its lease still running
        }
        throw inUse();
    }

    /**
     * Claims the key in the caller's transaction; answers the request that holds it instead, if
     * one does. A key past its retention, or an older server's claim past its lease, is taken.
     */
    private Optional<StoredRequest> claim(String apiKeyId, String key, String hash, String owner, Instant now) {
        NewRequest claim = new NewRequest(apiKeyId, key, hash, owner, now.plus(lease), now, now.plus(retention), null, null);
        if (dao.insert(claim) == 1) {
            return Optional.empty();
        }
        Optional<StoredRequest> existing = dao.find(apiKeyId, key);
        if (existing.isEmpty()) {
            throw new KeyMoved(); // purged since the insert: try again
        }
        StoredRequest stored = existing.get();
        boolean expired = !stored.expiresAt().isAfter(now);
        boolean abandoned = !stored.answered() && !stored.lockedUntil().isAfter(now);
        if (!expired && !abandoned) {
            return existing;
        }
        if (dao.forget(apiKeyId, key, stored.owner()) == 0 || dao.insert(claim) == 0) {
            throw new KeyMoved();
        }
        return Optional.empty();
    }

    /** Stores a refusal as the key's answer; false if another request answered the key first. */
    private boolean storeRefusal(String apiKeyId, String key, String hash, String owner, ApiException refusal) {
        String body = Json.write(mapper, refusal.toProblem());
        Instant now = clock.instant();
        return transactor.inTransaction(tx -> dao.insert(new NewRequest(apiKeyId, key, hash, owner, now, now,
                now.plus(retention), refusal.errorCode().status(), body))) == 1;
    }

    private static Response replay(StoredRequest stored) {
        String type = stored.responseStatus() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON;
        return Response.status(stored.responseStatus()).type(type).entity(stored.responseBody())
                .header(REPLAYED_HEADER, "true").build();
    }

    private static ApiException inUse() {
        return new ApiException(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                "A request with this Idempotency-Key is still running; retry in a moment to get its answer",
                List.of(), Map.of("retry_after_seconds", IN_USE_RETRY_SECONDS));
    }

    private String fingerprint(String operation, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(mapper.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }


    /** Deletes answers past their retention; called by a periodic job. */
    public int purgeExpired() {
        return transactor.inTransaction(tx -> dao.deleteExpired(clock.instant()));
    }

    /** The key changed hands between two statements of a claim; the caller tries again. */
    private static final class KeyMoved extends RuntimeException {
        KeyMoved() {
            super(null, null, false, false);
        }
    }
}
