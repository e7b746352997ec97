package com.amends.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class RateLimiterTest {
    private final MutableClock clock = new MutableClock(MutableClock.START);
    private final RateLimiter limiter = new RateLimiter(clock);
    private final Quota quota = new Quota("key_a", Rate.of(2, 4));

    @Test
    void shouldAllowTheBurst_ThenRefuseWithTheWaitForOneRequest() {
        for (int left = 3; left >= 0; left--) {
            RateLimiter.Decision taken = limiter.take(quota);
            assertThat(taken.allowed()).isTrue();
            assertThat(taken.limit()).isEqualTo(4);
            assertThat(taken.remaining()).isEqualTo(left);
        }
        RateLimiter.Decision refused = limiter.take(quota);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfter()).isEqualTo(1); // half a second, rounded up to what Retry-After can say
        assertThat(refused.resetSeconds()).isEqualTo(2); // 4 tokens at 2 a second
    }

    @Test
    void shouldRefillOnTheClock_AtItsRate_UpToTheBurst() {
        for (int i = 0; i < 4; i++) {
            limiter.take(quota);
        }
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.take(quota).allowed()).isTrue();
        assertThat(limiter.take(quota).allowed()).isFalse();

        clock.advance(Duration.ofMinutes(5));
        RateLimiter.Decision after = limiter.take(quota);
        assertThat(after.allowed()).isTrue();
        assertThat(after.remaining()).as("never more than the burst, however long the pause").isEqualTo(3);
    }

    @Test
    void shouldKeepABucketPerQuota() {
        Quota other = new Quota("key_b", Rate.of(2, 4));
        for (int i = 0; i < 5; i++) {
            limiter.take(quota);
        }
        assertThat(limiter.take(other).remaining()).isEqualTo(3);
        assertThat(limiter.take(new Quota("key_a", Rate.of(50, 100))).allowed())
                .as("a key given another rate starts a bucket of that rate").isTrue();
    }
}
