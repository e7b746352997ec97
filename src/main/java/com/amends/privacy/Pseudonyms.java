package com.amends.privacy;

import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An erased customer's pseudonym: {@code erased_} and 128 bits of an HMAC-SHA256 of their id under
 * a secret key. Without the key nobody can tell which id a pseudonym stands for, not even by trying
 * every id a shop might use; with it, erasing the same id again finds its erasure, and answers it.
 *
 * <p>The key is {@code pseudonymKey} in the configuration, kept apart from the database. When none is
 * configured a random one is made once and kept in the database, which is weaker: whoever holds a copy
 * of the database can then test a guessed id against the pseudonyms.
 *
 * <p>The id's erasure round is part of what is hashed: an id the shop uses again after its erasure
 * is a new customer, and erasing that one gives a pseudonym of its own.
 */
final class Pseudonyms {
    static final String PREFIX = "erased_";

    private final Transactor transactor;
    private final ErasureDao dao;
    private final String configuredKey;
    private final SecureRandom random = new SecureRandom();

    Pseudonyms(Transactor transactor, String configuredKey) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(ErasureDao.class);
        this.configuredKey = configuredKey == null || configuredKey.isBlank() ? null : configuredKey;
    }

    /** The pseudonym of the customer's {@code round}-th erasure (1 for the first). */
    String of(Tx tx, String customerId, int round) {
        return PREFIX + hex(hmac(key(tx), customerId + "\n" + round), 16);
    }

    /** What an erase request is known by for its Idempotency-Key: the same for one id, and not the id. */
    String subject(Tx tx, String customerId) {
        return hex(hmac(key(tx), customerId), 32);
    }

    /**
     * Makes the database's key when the configuration names none, once for every instance (the
     * first insert wins), at start rather than at a request, which then changes nothing it did not ask for.
     */
    void prepare() {
        if (configuredKey == null) {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            transactor.run(tx -> dao.storeKey(HexFormat.of().formatHex(fresh)));
        }
    }

    private byte[] key(Tx tx) {
        tx.requireOpen();
        if (configuredKey != null) {
            return configuredKey.getBytes(StandardCharsets.UTF_8);
        }
        return HexFormat.of().parseHex(dao.storedKey().orElseThrow(() ->
                new IllegalStateException("no pseudonym key: Erasures.prepare() runs at start")));
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes, int length) {
        return HexFormat.of().formatHex(bytes, 0, length);
    }
}
