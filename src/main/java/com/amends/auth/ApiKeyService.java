package com.amends.auth;

import com.amends.platform.ApiException;
import com.amends.platform.Cursor;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Page;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks API keys. A secret is {@code sk_<key id>.<256 random bits>}: the id part
 * finds the row without scanning, and the stored SHA-256 of the whole secret is compared in
 * constant time. A fast hash is enough here because the secret is random, not a password.
 *
 * <p>Every request is authenticated, so the rows of keys in use are kept for a short while
 * ({@code apiKeyCache}) and most requests read no key from the database. The cache holds rows,
 * not secrets: each request's secret is still hashed and compared with the row's. A key
 * revoked here leaves this instance's cache at once; other instances refuse it when their
 * copy runs out, within that time. Expiry and a roll's overlap are judged on the clock at each
 * request against the row, so a cached row cannot stretch them.
 */
public final class ApiKeyService {
    private static final String KEY_PREFIX = "key";
    private static final String SECRET_PREFIX = "sk_";
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    /** Looking the algorithm up costs more than hashing a secret; every request hashes one. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final Transactor transactor;
    private final ApiKeyDao dao;
    private final Ids ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, ApiKey> recent;
    private final Set<String> revokedHere = ConcurrentHashMap.newKeySet();
    private final Set<String> touching = ConcurrentHashMap.newKeySet();

    /** Without a cache: every authentication reads the key's row (the jar's command, tests' setup). */
    public ApiKeyService(Transactor transactor, Ids ids, Clock clock) {
        this(transactor, ids, clock, Duration.ZERO);
    }

    public ApiKeyService(Transactor transactor, Ids ids, Clock clock, Duration cacheFor) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(ApiKeyDao.class);
        this.ids = ids;
        this.clock = clock;
        this.recent = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(cacheFor.isZero() ? 0 : 10_000)
                .build();
    }

    /** A key of its own transaction and without an audit record: tests' and benchmarks' setup keys. */
    public ApiKeyView create(String name, Role role) {
        return transactor.inTransaction(tx -> create(tx, new CreateApiKeyRequest(name, role)));
    }

    public ApiKeyView create(Tx tx, CreateApiKeyRequest request) {
        tx.requireOpen();
        Instant now = clock.instant();
        requireFuture(request.expiresAt(), now);
        String id = ids.next(KEY_PREFIX);
        String secret = newSecret(id);
        KeyRateLimit limit = request.rateLimit();
        ApiKey key = new ApiKey(id, request.name().strip(), request.role().wire(), hash(secret), now, null, null,
                request.expiresAt(), null, null, null, limit == null ? null : limit.perSecond(),
                limit == null ? null : limit.burst());
        dao.insert(key);
        return key.view(now, secret);
    }

    /**
     * A new secret, shown once; the one before stays valid for the overlap, so an integration
     * moves to the new one without a gap. A second roll during an overlap ends the first
     * secret's overlap: only the two latest secrets are ever accepted.
     */
    public ApiKeyView roll(Tx tx, String id, RollApiKeyRequest request) {
        tx.requireOpen();
        ApiKey key = dao.lock(id).orElseThrow(() -> notFound(id));
        if (key.revokedAt() != null) {
            throw new ApiException(ErrorCode.API_KEY_REVOKED, "API key " + id + " was revoked at " + key.revokedAt());
        }
        Instant now = clock.instant();
        requireFuture(request.expiresAt(), now);
        Instant expiresAt = request.expiresAt() != null ? request.expiresAt() : key.expiresAt();
        if (key.expiredAt(now) && request.expiresAt() == null) {
            throw ApiException.invalid("expires_at", "is needed: the key expired at " + key.expiresAt()
                    + ", so its new secret needs a new expiry in the future");
        }
        String secret = newSecret(id);
        boolean overlap = request.overlap() > 0;
        ApiKey rolled = new ApiKey(id, key.name(), key.role(), hash(secret), key.createdAt(), null, key.lastUsedAt(),
                expiresAt, now, overlap ? key.secretHash() : null, overlap ? now.plusSeconds(request.overlap()) : null,
                key.rateLimitPerSecond(), key.rateLimitBurst());
        dao.roll(rolled);
        // Another request may put the row from before the roll back in the cache until this commits;
        // authenticate reads the row again when a secret matches neither hash it holds, so the new
        // secret is let in at once all the same.
        recent.invalidate(id);
        return rolled.view(now, secret);
    }

    /**
     * The caller a secret names, if it is the key's secret (or the one before a roll, during
     * the overlap) and the key is not revoked.
     *
     * @throws ApiException {@code api_key_expired} for the right secret of a key past its expiry
     */
    public Optional<Caller> authenticate(String secret) {
        Optional<String> id = keyIdOf(secret);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = hash(secret).getBytes(StandardCharsets.US_ASCII);
        Instant now = clock.instant();
        Optional<ApiKey> key = find(id.get());
        if (key.isPresent() && !matches(key.get(), given, now)) {
            // The cached row may be older than a roll made through another instance: read it again.
            recent.invalidate(id.get());
            key = find(id.get());
        }
        boolean matches = key.isPresent() ? matches(key.get(), given, now) : matches(null, given, now);
        if (!matches || key.get().revokedAt() != null) {
            return Optional.empty();
        }
        ApiKey found = key.get();
        if (found.expiredAt(now)) {
            throw new ApiException(ErrorCode.API_KEY_EXPIRED, "API key " + found.id() + " expired at " + found.expiresAt());
        }
        Instant lastUsed = found.lastUsedAt();
        // The row in hand says whether the key's last use is stale; most requests skip the write,
        // and of those that see it stale at once, one writes.
        if ((lastUsed == null || lastUsed.isBefore(now.minus(TOUCH_INTERVAL))) && touching.add(found.id())) {
            try {
                transactor.run(tx -> dao.touch(found.id(), now, now.minus(TOUCH_INTERVAL)));
                recent.invalidate(found.id()); // the next request reads the touched row
            } finally {
                touching.remove(found.id());
            }
        }
        KeyRateLimit limit = KeyRateLimit.of(found.rateLimitPerSecond(), found.rateLimitBurst());
        return Optional.of(new Caller(found.id(), found.name(), Role.fromWire(found.role()),
                limit == null ? null : limit.rate()));
    }

    /**
     * Compares with both hashes every time, and with something of the same length when there is
     * no key or no secret before a roll, so the answer takes the same time whichever matched.
     */
    private static boolean matches(ApiKey key, byte[] given, Instant now) {
        byte[] none = new byte[given.length];
        byte[] current = key == null ? none : key.secretHash().getBytes(StandardCharsets.US_ASCII);
        byte[] previous = key == null || key.previousSecretHash() == null ? none
                : key.previousSecretHash().getBytes(StandardCharsets.US_ASCII);
        boolean isCurrent = MessageDigest.isEqual(given, current);
        boolean isPrevious = MessageDigest.isEqual(given, previous);
        return key != null && (isCurrent || (isPrevious && key.previousValidAt(now)));
    }

    /**
     * The key's row, from the cache or else read once for all the requests that want it at
     * that moment. A revocation marks the key in {@code revokedHere} before it commits and
     * clears the cache entry after; a read racing it either lands before the clearing (and is
     * cleared) or sees the mark (and is not kept), because Caffeine runs both on the same entry
     * one after the other.
     */
    private Optional<ApiKey> find(String id) {
        ApiKey row = recent.get(id, k -> revokedHere.contains(k) ? null : dao.find(k).orElse(null));
        return row != null ? Optional.of(row) : revokedHere.contains(id) ? dao.find(id) : Optional.empty();
    }

    /** @param unusedFor when given, only keys in force that nobody has used for that long */
    public Page<ApiKeyView> list(int limit, String cursor, Duration unusedFor) {
        String before = Optional.ofNullable(Cursor.decode(cursor)).orElse("~");
        Instant now = clock.instant();
        List<ApiKey> rows = unusedFor == null ? dao.list(before, limit + 1)
                : dao.listUnused(before, now.minus(unusedFor), now, limit + 1);
        return Page.of(rows, limit, ApiKey::id, key -> key.view(now));
    }

    public ApiKeyView get(String id) {
        return dao.find(id).map(key -> key.view(clock.instant())).orElseThrow(() -> notFound(id));
    }

    /**
     * Clearing the cache entry before the transaction commits is safe: from the mark on, a read
     * of this key is not kept, so the cache cannot hold the row from before the revocation.
     */
    public ApiKeyView revoke(Tx tx, String id) {
        tx.requireOpen();
        revokedHere.add(id);
        ApiKey key = dao.find(id).orElseThrow(() -> {
            revokedHere.remove(id); // an id that names no key must not stay here
            return notFound(id);
        });
        if (key.revokedAt() != null) {
            throw new ApiException(ErrorCode.API_KEY_REVOKED, "API key " + id + " was revoked at " + key.revokedAt());
        }
        dao.revoke(id, clock.instant());
        recent.invalidate(id);
        return get(id);
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.API_KEY_NOT_FOUND, "No API key " + id);
    }

    private static void requireFuture(Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiException.invalid("expires_at", "must be in the future");
        }
    }

    private String newSecret(String id) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return SECRET_PREFIX + id.substring(KEY_PREFIX.length() + 1) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Optional<String> keyIdOf(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return Optional.empty();
        }
        int dot = secret.indexOf('.');
        if (dot != SECRET_PREFIX.length() + 26) {
            return Optional.empty();
        }
        return Optional.of(KEY_PREFIX + "_" + secret.substring(SECRET_PREFIX.length(), dot));
    }

    private static String hash(String secret) {
        MessageDigest sha256 = SHA_256.get();
        sha256.reset();
        return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }
}
