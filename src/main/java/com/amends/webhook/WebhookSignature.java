package com.amends.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries the Standard Webhooks way, so a consumer's existing Standard Webhooks
 * (or Svix) library verifies them unchanged: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}
 * keyed with the bytes a {@code whsec_} secret encodes, not with the secret's text.
 *
 * <p>A secret is only ever passed in and hashed; nothing here logs it or puts it in a message.
 */
public final class WebhookSignature {
    public static final String SECRET_PREFIX = "whsec_";
    /** The specification asks for 24 to 64 random bytes; new secrets take 32, as HMAC-SHA256's block suits. */
    static final int NEW_SECRET_BYTES = 32;
    static final int MIN_SECRET_BYTES = 24;
    static final int MAX_SECRET_BYTES = 64;
    /** What the reference libraries accept by default; a receiver may choose otherwise. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";

    /** Whether a delivery's headers prove it came from the holder of the secret, recently. */
    public enum Verification { VALID, MALFORMED, TIMESTAMP_OUT_OF_TOLERANCE, SIGNATURE_MISMATCH }

    private WebhookSignature() {}

    /** A new endpoint secret; the caller passes its SecureRandom so one generator serves the process. */
    public static String newSecret(SecureRandom random) {
        byte[] key = new byte[NEW_SECRET_BYTES];
        random.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Whether a text is a secret this class can sign with (the prefix, base64, 24 to 64 bytes). */
    public static boolean isValidSecret(String secret) {
        try {
            key(secret);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The signature of one attempt: {@code v1,<base64>}. */
    public static String sign(String secret, String msgId, long timestampSeconds, String body) {
        // A dot in the id would let one (id, timestamp) pair pass for another under the same body.
        if (msgId.isEmpty() || msgId.indexOf('.') >= 0) {
            throw new IllegalArgumentException("a webhook id must be non-empty and contain no '.'");
        }
        String signed = msgId + "." + timestampSeconds + "." + body;
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // a Mac is not thread-safe, so one per signature
            mac.init(new SecretKeySpec(key(secret), ALGORITHM));
            byte[] digest = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
            return VERSION + "," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no " + ALGORITHM, e);
        }
    }

    /**
     * The {@code webhook-signature} header value: one signature per live secret, space-separated,
     * so during a rotation's overlap a consumer holding either the old or the new secret verifies.
     */
    public static String header(List<String> secrets, String msgId, long timestampSeconds, String body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a delivery needs at least one live secret");
        }
        StringBuilder header = new StringBuilder();
        for (String secret : secrets) {
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append(sign(secret, msgId, timestampSeconds, body));
        }
        return header.toString();
    }

    /**
     * Whether any {@code v1} signature of the header matches, ignoring the timestamp's age (a test
     * receiver under a moved clock needs that); signatures of other versions are skipped.
     */
    public static boolean matches(String secret, String msgId, long timestampSeconds, String body, String signatureHeader) {
        if (signatureHeader == null || msgId == null || msgId.isEmpty() || msgId.indexOf('.') >= 0) {
            return false;
        }
        byte[] expected = sign(secret, msgId, timestampSeconds, body).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String candidate : signatureHeader.trim().split(" +")) {
            // Every candidate is compared, in constant time, so the time taken reveals nothing.
            matched |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return matched;
    }

    /** What a consumer should do with the three headers: check the timestamp's age, then the signature. */
    public static Verification verify(String secret, String msgId, String timestampHeader, String body,
                                      String signatureHeader, Instant now, Duration tolerance) {
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader == null ? "" : timestampHeader.trim());
        } catch (NumberFormatException e) {
            return Verification.MALFORMED;
        }
        if (msgId == null || msgId.isEmpty() || signatureHeader == null || signatureHeader.isBlank()) {
            return Verification.MALFORMED;
        }
        long nowSeconds = now.getEpochSecond();
        if (timestamp < nowSeconds - tolerance.toSeconds() || timestamp > nowSeconds + tolerance.toSeconds()) {
            return Verification.TIMESTAMP_OUT_OF_TOLERANCE;
        }
        return matches(secret, msgId, timestamp, body, signatureHeader)
                ? Verification.VALID
                : Verification.SIGNATURE_MISMATCH;
    }

    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is base64 after its prefix"); // the cause would quote it
        }
        if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "a webhook secret holds " + MIN_SECRET_BYTES + " to " + MAX_SECRET_BYTES + " bytes, not " + key.length);
        }
        return key;
    }
}
