package com.amends.auth;

import com.amends.platform.ApiException;
import com.amends.platform.Cursor;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Page;
import com.amends.platform.Transactor;
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

/**
 * Issues and checks API keys. A secret is {@code sk_<key id>.<256 random bits>}: the id part
 * finds the row without scanning, and the stored SHA-256 of the whole secret is compared in
 * constant time. A fast hash is enough here because the secret is random, not a password.
 */
public final class ApiKeyService {
    private static final String KEY_PREFIX = "key";
    private static final String SECRET_PREFIX = "sk_";
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final Transactor tx;
    private final ApiKeyDao dao;
    private final Ids ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeyService(Transactor tx, Ids ids, Clock clock) {
        this.tx = tx;
        this.dao = tx.onDemand(ApiKeyDao.class);
        this.ids = ids;
        this.clock = clock;
    }

    public ApiKeyView create(String name, Role role) {
        String id = ids.next(KEY_PREFIX);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = SECRET_PREFIX + id.substring(KEY_PREFIX.length() + 1) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKey key = new ApiKey(id, name.strip(), role.wire(), hash(secret), clock.instant(), null, null);
        tx.run(() -> dao.insert(key));
        ApiKeyView view = key.view();
        return new ApiKeyView(view.id(), view.name(), view.role(), view.createdAt(), null, null, secret);
    }

    public Optional<Caller> authenticate(String secret) {
        Optional<String> id = keyIdOf(secret);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<ApiKey> key = dao.find(id.get());
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
        // The row was just read: most requests can see it needs no write, and skip one.
        if (lastUsed == null || lastUsed.isBefore(now.minus(TOUCH_INTERVAL))) {
            tx.run(() -> dao.touch(key.get().id(), now, now.minus(TOUCH_INTERVAL)));
        }
        return Optional.of(new Caller(key.get().id(), key.get().name(), Role.fromWire(key.get().role())));
    }

    public Page<ApiKeyView> list(int limit, String cursor) {
        String before = Optional.ofNullable(Cursor.decode(cursor)).orElse("~");
        return Page.of(dao.list(before, limit + 1), limit, ApiKey::id, ApiKey::view);
    }

    public ApiKeyView get(String id) {
        return dao.find(id).map(ApiKey::view)
                .orElseThrow(() -> new ApiException(ErrorCode.API_KEY_NOT_FOUND, "No API key " + id));
    }

    public ApiKeyView revoke(String id) {
        return tx.inTransaction(() -> {
            ApiKey key = dao.find(id)
                    .orElseThrow(() -> new ApiException(ErrorCode.API_KEY_NOT_FOUND, "No API key " + id));
            if (key.revokedAt() != null) {
                throw new ApiException(ErrorCode.API_KEY_REVOKED, "API key " + id + " was revoked at " + key.revokedAt());
            }
            dao.revoke(id, clock.instant());
            return get(id);
        });
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
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
