package com.amends.platform.idempotency;

import com.amends.audit.Audit;
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
import java.util.function.Supplier;
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
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final int CLAIM_ATTEMPTS = 5;

    private final Transactor tx;
    private final IdempotencyDao dao;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration retention;
    private final Duration lease;
    private final Audit audit;

    public Idempotency(Transactor tx, ObjectMapper mapper, Clock clock, Duration retention, Duration lease, Audit audit) {
        this.tx = tx;
        this.audit = audit;
        this.dao = tx.onDemand(IdempotencyDao.class);
        this.mapper = mapper;
        this.clock = clock;
        this.retention = retention;
        this.lease = lease;
    }

    /**
     * @param request the parsed request (body and path/query values that shape the effect);
     *                the same key with a different request is refused
     */
    public Response execute(String apiKeyId, String key, String operation, Object request, Supplier<Outcome> work) {
        return execute(apiKeyId, key, operation, request, null, work);
    }

    /** The same, for work that takes the transaction it runs in. */
    public Response execute(String apiKeyId, String key, String operation, Object request, Function<Tx, Outcome> work) {
        return execute(apiKeyId, key, operation, request, null, work);
    }

    public Response execute(String apiKeyId, String key, String operation, Object request, Supplier<?> before,
                            Supplier<Outcome> work) {
        return execute(apiKeyId, key, operation, request, before, (Function<Tx, Outcome>) t -> work.get());
    }

    /**
     * The same, for a change to something that exists: {@code before} reads it, inside the
     * change's transaction, for the audit event that the change writes with its answer.
     */
    public Response execute(String apiKeyId, String key, String operation, Object request, Supplier<?> before,
                            Function<Tx, Outcome> work) {
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
            Outcome outcome = tx.inTransaction((Tx t) -> {
                Object was = before == null ? null : before.get();
                Outcome result = work.apply(t);
                audit.record(operation, null, null, request, was, result.body());
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
                tx.run(() -> dao.release(apiKeyId, key, owner));
                throw refusal;
            }
            String body = Json.write(mapper, refusal.toProblem());
            tx.run(() -> dao.complete(apiKeyId, key, owner, refusal.errorCode().status(), body));
            throw refusal;
        } catch (RuntimeException | Error unexpected) {
            tx.run(() -> dao.release(apiKeyId, key, owner));
            throw unexpected;
        }
    }

    private Optional<Response> claim(String apiKeyId, String key, String hash, String owner) {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Optional<StoredRequest> existing = dao.find(apiKeyId, key);
            if (existing.isEmpty()) {
                try {
                    tx.run(() -> dao.insert(new NewRequest(apiKeyId, key, hash, owner, now.plus(lease), now,
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
                tx.run(() -> dao.deleteIfExpired(apiKeyId, key, now));
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
            if (tx.inTransaction(() -> dao.takeOver(apiKeyId, key, stored.owner(), owner, now.plus(lease))) == 1) {
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
        return tx.inTransaction(() -> dao.deleteExpired(clock.instant()));
    }

    private static final class LostClaim extends RuntimeException {
        LostClaim() {
            super(null, null, false, false);
        }
    }
}
