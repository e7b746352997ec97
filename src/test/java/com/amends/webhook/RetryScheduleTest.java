package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amends.webhook.RetrySchedule.Decision;
import com.amends.webhook.SendOutcome.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("fast")
class RetryScheduleTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final RetrySchedule schedule = RetrySchedule.standard();

    private static SendOutcome answered(int status) {
        return answered(status, null);
    }

    private static SendOutcome answered(int status, Duration retryAfter) {
        return SendOutcome.answered(NOW, NOW.getEpochSecond(), status, "", Optional.ofNullable(retryAfter),
                "answered " + status, Duration.ZERO);
    }

    private static SendOutcome failed(Kind kind) {
        return SendOutcome.failed(kind, NOW, NOW.getEpochSecond(), "it failed", Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void shouldCallEvery2xxDelivered(int status) {
        assertThat(schedule.decide(1, answered(status), NOW)).isEqualTo(new Decision.Delivered());
    }

    @Test
    void shouldWaitTheStandardStepsBetweenEightAttempts_ThenGiveUp() {
        List<Duration> waits = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        for (int attempt = 1; attempt <= 7; attempt++) {
            assertThat(schedule.decide(attempt, answered(500), NOW))
                    .as("after attempt %d", attempt)
                    .isEqualTo(new Decision.RetryAt(NOW.plus(waits.get(attempt - 1))));
        }
        assertThat(schedule.decide(8, answered(500), NOW)).isInstanceOf(Decision.GiveUp.class);
        assertThat(schedule.maxAttempts()).isEqualTo(8);
    }

    @Test
    void shouldSayWhyItGaveUp() {
        Decision decision = schedule.decide(8, failed(Kind.TIMEOUT), NOW);

        assertThat(decision).isEqualTo(new Decision.GiveUp("gave up after 8 attempts; the last: it failed"));
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"TIMEOUT", "CONNECTION_REFUSED", "CONNECTION_ERROR", "TLS_ERROR",
            "UNRESOLVABLE_HOST", "REFUSED_ADDRESS"})
    void shouldRetryEveryTransportFailureOnTheSchedule(Kind kind) {
        assertThat(schedule.decide(2, failed(kind), NOW)).isEqualTo(new Decision.RetryAt(NOW.plus(Duration.ofMinutes(5))));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504})
    void shouldRetryEveryOtherAnswer_4xxIncluded_AsStandardWebhooksAndStripeDo(int status) {
        assertThat(schedule.decide(1, answered(status), NOW)).isEqualTo(new Decision.RetryAt(NOW.plusSeconds(5)));
    }

    @Test
    void shouldDisableTheEndpoint_WhenItAnswers410Gone_EvenOnItsLastAttempt() {
        assertThat(schedule.decide(1, answered(410), NOW)).isInstanceOf(Decision.DisableEndpoint.class);
        assertThat(schedule.decide(8, answered(410), NOW)).isInstanceOf(Decision.DisableEndpoint.class);
    }

    @Test
    void shouldRetryAtOnce_WhenOurOwnShutdownInterruptedTheAttempt() {
        assertThat(schedule.decide(8, failed(Kind.INTERRUPTED), NOW)).isEqualTo(new Decision.RetryAt(NOW));
    }

    @Nested
    class RetryAfterHeader {
        @Test
        void shouldWaitAsLongAsAsked_WhenThatIsLongerThanTheStep() {
            assertThat(schedule.decide(1, answered(429, Duration.ofSeconds(90)), NOW))
                    .isEqualTo(new Decision.RetryAt(NOW.plusSeconds(90)));
        }

        @Test
        void shouldNotRetrySoonerThanTheStep_WhenAskedForLess() {
            assertThat(schedule.decide(3, answered(503, Duration.ofSeconds(2)), NOW))
                    .isEqualTo(new Decision.RetryAt(NOW.plus(Duration.ofMinutes(30))));
        }

        @Test
        void shouldWaitNoLongerThanTheLongestStep_WhenAskedForAWeek() {
            assertThat(schedule.decide(1, answered(429, Duration.ofDays(7)), NOW))
                    .isEqualTo(new Decision.RetryAt(NOW.plus(Duration.ofHours(10))));
        }

        @Test
        void shouldStillGiveUpWhenTheAttemptsAreSpent() {
            assertThat(schedule.decide(8, answered(429, Duration.ofSeconds(1)), NOW)).isInstanceOf(Decision.GiveUp.class);
        }
    }

    @Test
    void shouldFollowAConfiguredSchedule() {
        RetrySchedule quick = new RetrySchedule(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)));

        assertThat(quick.decide(1, answered(500), NOW)).isEqualTo(new Decision.RetryAt(NOW.plusSeconds(1)));
        assertThat(quick.decide(2, answered(500), NOW)).isEqualTo(new Decision.RetryAt(NOW.plusSeconds(2)));
        assertThat(quick.decide(3, answered(500), NOW)).isInstanceOf(Decision.GiveUp.class);
        assertThat(quick.decide(1, answered(429, Duration.ofMinutes(1)), NOW))
                .isEqualTo(new Decision.RetryAt(NOW.plusSeconds(2)));
    }

    @Test
    void shouldRefuseASchedulesThatCouldNotWork() {
        assertThatThrownBy(() -> new RetrySchedule(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ZERO))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule.decide(0, answered(500), NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
