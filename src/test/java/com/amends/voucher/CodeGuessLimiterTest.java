package com.amends.voucher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Unknown codes looked up from one API key, in a sliding window: past the limit, 429 until the window moves on. */
@Tag("fast")
class CodeGuessLimiterTest {
    private final MutableClock clock = new MutableClock(MutableClock.START);
    private final CodeGuessLimiter limiter = new CodeGuessLimiter(clock, 3, Duration.ofMinutes(1));

    private void fail(String key, int times) {
        for (int i = 0; i < times; i++) {
            limiter.check(key);
            limiter.recordFailure(key);
        }
    }

    @Test
    void shouldLetAKeyFailUpToTheLimit_ThenRefuseItWithTheWait() {
        fail("key_a", 2);
        clock.advance(Duration.ofSeconds(20));
        fail("key_a", 1);

        ApiException refused = catchThrowableOfType(ApiException.class, () -> limiter.check("key_a"));
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.TOO_MANY_FAILED_LOOKUPS);
        // The oldest failure leaves the window 40 s from now.
        assertThat(refused.extensions()).containsEntry("retry_after_seconds", 40L);
        assertThat(refused.getMessage()).contains("retry in 40 s");
    }

    @Test
    void shouldCountEachKeyApart() {
        fail("key_a", 3);
        assertThatCode(() -> limiter.check("key_b")).doesNotThrowAnyException();
    }

    @Test
    void shouldLetTheKeyTryAgain_OnceItsOldestFailureHasLeftTheWindow() {
        fail("key_a", 2);
        clock.advance(Duration.ofSeconds(30));
        fail("key_a", 1);
        clock.advance(Duration.ofSeconds(30));

        // The two failures of a minute ago have left; the one of 30 s ago still counts.
        assertThatCode(() -> limiter.check("key_a")).doesNotThrowAnyException();
        fail("key_a", 1);
        assertThatCode(() -> limiter.check("key_a")).doesNotThrowAnyException();
        limiter.recordFailure("key_a");
        assertThat(catchThrowableOfType(ApiException.class, () -> limiter.check("key_a"))).isNotNull();
    }

    @Test
    void shouldAskForAtLeastOneSecond_WhenTheWaitIsShorter() {
        fail("key_a", 3);
        clock.advance(Duration.ofMillis(59_500));
        ApiException refused = catchThrowableOfType(ApiException.class, () -> limiter.check("key_a"));
        assertThat(refused.extensions()).containsEntry("retry_after_seconds", 1L);
    }
}
