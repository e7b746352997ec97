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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs a value-moving request at most once per (API key, Idempotency-Key).
 *
 * <p>A request first claims its key in a short transaction of its own, so that a concurrent
 * retry sees the claim and gets 409 instead of waiting. The effect and the stored answer then
 * commit in one transaction: if the server dies before that commit, nothing happened and the
 * claim's lease lets a retry run it again; if it dies after, the retry gets the stored answer.
 * Refusals (4xx) are stored too, so a retry is told the same thing, except "not now" ones such
 * as 429; those and unexpected failures release the claim so that the retry runs afresh.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** What a key may be: 1 to 255 visible ASCII characters. */
    public static final String KEY_PATTERN = "[\\x21-\\x7E]{1,255}";
    private static final Pattern VALID_KEY = Pattern.compile(KEY_PATTERN);
    private static final int CLAIM_ATTEMPTS = 5;

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

    /**
     * Runs {@code work} in a transaction of its own, unless this key has been answered already.
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
        Optional<Response> replay = claim(apiKeyId, key, hash, owner);
        if (replay.isPresent()) {
            return replay.get();
        }
        try {
            String[] answer = new String[1];
            Outcome outcome = transactor.inTransaction(tx -> {
                Outcome result = work.apply(tx);
                answer[0] = Json.write(mapper, result.body());
                if (dao.complete(apiKeyId, key, owner, result.status(), answer[0]) == 0) {
                    throw new LostClaim();
                }
                return result;
            });
            return Response.status(outcome.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(answer[0]).build();
        } catch (LostClaim lost) {
            throw inUse();
        } catch (ApiException refusal) {
            if (refusal.errorCode().retryable()) {
                transactor.run(tx -> dao.release(apiKeyId, key, owner));
                throw refusal;
            }
            String body = Json.write(mapper, refusal.toProblem());
            transactor.run(tx -> dao.complete(apiKeyId, key, owner, refusal.errorCode().status(), body));
            throw refusal;
        } catch (RuntimeException | Error unexpected) {
            transactor.run(tx -> dao.release(apiKeyId, key, owner));
            throw unexpected;
        }
    }

    private Optional<Response> claim(String apiKeyId, String key, String hash, String owner) {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Optional<StoredRequest> existing = dao.find(apiKeyId, key);
            if (existing.isEmpty()) {
                try {
                    transactor.run(tx -> dao.insert(new NewRequest(apiKeyId, key, hash, owner, now.plus(lease), now,
                            now.plus(retention))));
                    return Optional.empty();
                } catch (RuntimeException e) {
                    if (!Transactor.isUniqueViolation(e)) {
                        throw e;
                    }
                    continue; // another request claimed it first: look again
                }
            }
            StoredRequest stored = existing.get();
            if (!stored.expiresAt().isAfter(now)) {
                transactor.run(tx -> dao.deleteIfExpired(apiKeyId, key, now));
                continue;
            }
            if (!stored.requestHash().equals(hash)) {
                throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used for a different request; use a new key for a new request");
            }
            if (stored.answered()) {
                return Optional.of(replay(stored));
            }
            if (stored.lockedUntil().isAfter(now)) {
                throw inUse();
            }
            int taken = transactor.inTransaction(tx -> dao.takeOver(apiKeyId, key, stored.owner(), owner, now.plus(lease)));
            if (taken == 1) {
                return Optional.empty();
            }
        }
        throw inUse();
    }

    private static Response replay(StoredRequest stored) {
        String type = stored.responseStatus() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON;
        return Response.status(stored.responseStatus()).type(type).entity(stored.responseBody())
                .header(REPLAYED_HEADER, "true").build();
    }

    private static ApiException inUse() {
        return new ApiException(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                "A request with this Idempotency-Key is still running; retry in a moment to get its answer");
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

    private static final class LostClaim extends RuntimeException {
        LostClaim() {
            super(null, null, false, false);
        }
    }
}
