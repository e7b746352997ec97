package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("fast")
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void shouldReadSeconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void shouldReadAnHttpDate_AsTheTimeLeftUntilIt() {
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 10:30:00 GMT", NOW)).contains(Duration.ofMinutes(30));
    }

    @Test
    void shouldAskForNoWait_WhenTheDateHasPassed() {
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "99999999999999999999999", "2026-11-22T10:30:00Z"})
    void shouldIgnoreWhatItCannotRead(String header) {
        assertThat(RetryAfter.parse(header, NOW)).isEmpty();
    }
}
