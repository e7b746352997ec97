package com.amends.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets (Bucket4j), one per quota, in this instance's memory: with N instances behind a
 * load balancer a caller may send up to N times its limit, which is the documented choice (no
 * shared store to consult on every request). The buckets run on the injected clock, so a test
 * refills one by moving the clock. A bucket idle for longer than any refill takes is dropped,
 * which loses nothing: it would be full again anyway.
 */
public final class RateLimiter {
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final TimeMeter time;
    private final Cache<Quota, Bucket> buckets;

    public RateLimiter(Clock clock) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(100_000).build();
    }

    /** Takes one request from the quota's bucket, or says how long until one is there. */
    public Decision take(Quota quota) {
        Bucket bucket = buckets.get(quota, q -> Bucket.builder()
                .addLimit(limit -> limit.capacity(q.rate().burst()).refillGreedy(q.rate().perSecond(), Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), quota.rate().burst(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()), probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    private static long seconds(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /**
     * @param allowed      the request may go on
     * @param limit        the most requests the bucket holds (its burst)
     * @param remaining    what is left in it after this request
     * @param resetSeconds seconds until the bucket is full again
     * @param retryAfter   when refused, seconds until one request is allowed again (at least 1)
     */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfter) {}
}
