package com.amends.platform;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Makes public ids such as {@code grt_01JDQ3Z6M0N5X2K8R4T7V9W1YB}: a type prefix and a ULID. The
 * ULID starts with the time, so ids sort in creation order and serve as pagination keys; within
 * one millisecond (or under a clock that tests hold still) it counts up, so the order holds.
 */
public final class Ids {
    /**
     * The longest id a request may name: the ids made here are a prefix and 26 characters;
     * anything longer is refused before it is looked up.
     */
    public static final int MAX_LENGTH = 40;

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long randomHigh; // 16 bits
    private long randomLow;  // 64 bits

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public String next(String prefix) {
        long millis;
        long high;
        long low;
        synchronized (this) {
            millis = clock.millis();
            if (millis <= lastMillis) {
                millis = lastMillis;
                randomLow++;
                if (randomLow == 0) {
                    randomHigh = (randomHigh + 1) & 0xFFFF;
                }
            } else {
                lastMillis = millis;
                randomHigh = random.nextInt(1 << 15); // leave headroom so counting up never wraps
                randomLow = random.nextLong();
            }
            high = randomHigh;
            low = randomLow;
        }
        return prefix + "_" + encode(millis, high, low);
    }

    private static String encode(long millis, long high, long low) {
        char[] out = new char[26];
        // 48 bits of time as 10 characters (the top 2 bits of the first character are zero).
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 bits of randomness as 16 characters.
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low = (low >>> 5) | ((high & 31) << 59);
            high >>>= 5;
        }
        return new String(out);
    }
}
