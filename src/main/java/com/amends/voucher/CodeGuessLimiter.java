package com.amends.voucher;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts look-ups of codes that do not exist, per API key, in a sliding window; past the limit
 * every look-up is refused with 429 until the window has moved on. With 95 random bits a
 * guesser would need ~10^28 tries per hit; this keeps it from even trying at network speed.
 * The count lives in this instance's memory, so N instances allow N times the limit.
 */
public final class CodeGuessLimiter {
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public CodeGuessLimiter(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Refuses when this key has failed too often lately. */
    public void check(String apiKeyId) {
        Deque<Instant> recent = failures.get(apiKeyId);
        if (recent == null) {
            return;
        }
        Instant now = clock.instant();
        synchronized (recent) {
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) {
                recent.pollFirst();
            }
            if (recent.size() >= maxFailures) {
                long wait = Math.max(1, Duration.between(now, recent.peekFirst().plus(window)).toSeconds());
                throw new ApiException(ErrorCode.TOO_MANY_FAILED_LOOKUPS,
                        "Too many unknown codes from this API key; retry in " + wait + " s",
                        List.of(), Map.of("retry_after_seconds", wait));
            }
        }
    }

    public void recordFailure(String apiKeyId) {
        Deque<Instant> recent = failures.computeIfAbsent(apiKeyId, k -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(clock.instant());
            while (recent.size() > maxFailures) {
                recent.pollFirst();
            }
        }
    }
}
