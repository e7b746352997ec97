package com.amends.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The harness's guard: a test cannot move the clock under the other tests of a shared server. */
@Tag("fast")
class MutableClockTest {
    @Test
    void shouldMove_WhenItIsAServersOwnClock() {
        MutableClock clock = new MutableClock(MutableClock.START);
        clock.advance(Duration.ofDays(91));
        assertThat(clock.instant()).isEqualTo(MutableClock.START.plus(Duration.ofDays(91)));
    }

    @Test
    void shouldRefuseToMove_WhenEveryTestSharesIt_NamingTheWayOut() {
        MutableClock clock = new MutableClock(MutableClock.START);
        clock.share();
        assertThatThrownBy(() -> clock.advance(Duration.ofDays(91)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Servers#fresh");
        assertThat(clock.instant()).isEqualTo(MutableClock.START);
    }
}
