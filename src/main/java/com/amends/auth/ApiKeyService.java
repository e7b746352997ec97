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
 * copy runs out, within that time.
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
        return transactor.inTransaction(tx -> create(tx, name, role));
    }

    public ApiKeyView create(Tx tx, String name, Role role) {
        tx.requireOpen();
        String id = ids.next(KEY_PREFIX);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = SECRET_PREFIX + id.substring(KEY_PREFIX.length() + 1) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKey key = new ApiKey(id, name.strip(), role.wire(), hash(secret), clock.instant(), null, null);
        dao.insert(key);
        ApiKeyView view = key.view();
        return new ApiKeyView(view.id(), view.name(), view.role(), view.createdAt(), null, null, secret);
    }

    public Optional<Caller> authenticate(String secret) {
        Optional<String> id = keyIdOf(secret);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<ApiKey> key = find(id.get());
        byte[] given = hash(secret).getBytes(StandardCharsets.US_ASCII);
        // Compare against something of the same length even when no key matched, so the answer
        // takes the same time either way.
        byte[] stored = key.map(k -> k.secretHash().getBytes(StandardCharsets.US_ASCII)).orElse(new byte[given.length]);
        boolean matches = MessageDigest.isEqual(given, stored);
        if (!matches || key.get().revokedAt() != null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant lastUsed = key.get().lastUsedAt();
        // The row in hand says whether the key's last use is stale; most requests skip the write,
        // and of those that see it stale at once, one writes.
        if ((lastUsed == null || lastUsed.isBefore(now.minus(TOUCH_INTERVAL))) && touching.add(key.get().id())) {
            try {
                transactor.run(tx -> dao.touch(key.get().id(), now, now.minus(TOUCH_INTERVAL)));
                recent.invalidate(key.get().id()); // the next request reads the touched row
            } finally {
                touching.remove(key.get().id());
            }
        }
        return Optional.of(new Caller(key.get().id(), key.get().name(), Role.fromWire(key.get().role())));
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

    public Page<ApiKeyView> list(int limit, String cursor) {
        String before = Optional.ofNullable(Cursor.decode(cursor)).orElse("~");
        return Page.of(dao.list(before, limit + 1), limit, ApiKey::id, ApiKey::view);
    }

    public ApiKeyView get(String id) {
        return dao.find(id).map(ApiKey::view)
                .orElseThrow(() -> new ApiException(ErrorCode.API_KEY_NOT_FOUND, "No API key " + id));
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
            return new ApiException(ErrorCode.API_KEY_NOT_FOUND, "No API key " + id);
        });
        if (key.revokedAt() != null) {
            throw new ApiException(ErrorCode.API_KEY_REVOKED, "API key " + id + " was revoked at " + key.revokedAt());
        }
        dao.revoke(id, clock.instant());
        recent.invalidate(id);
        return get(id);
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
