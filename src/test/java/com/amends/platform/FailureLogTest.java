package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.amends.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A failure that repeats is logged a line at a time, with its stack trace once a minute and a count of the rest. */
@Tag("fast")
class FailureLogTest {
    private final MutableClock clock = new MutableClock(MutableClock.START);
    private final Logger logger = (Logger) LoggerFactory.getLogger("failure-log-test");
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();
    private final FailureLog log = new FailureLog(logger, clock, Duration.ofMinutes(1));

    FailureLogTest() {
        seen.start();
        logger.addAppender(seen);
    }

    @Test
    void shouldLogEveryFailureOnItsLine_ButTheTraceOfACauseOncePerInterval() {
        for (int i = 0; i < 100; i++) {
            log.error("Unexpected error, reference r" + i, failure("boom"));
        }
        assertThat(seen.list).hasSize(100);
        assertThat(seen.list.stream().filter(e -> e.getThrowableProxy() != null)).hasSize(1);
        assertThat(seen.list.get(1).getFormattedMessage()).isEqualTo("Unexpected error, reference r1 (IllegalStateException: boom)");

        log.error("Unexpected error, reference other", new IllegalArgumentException("another cause"));
        assertThat(seen.list.get(100).getThrowableProxy()).as("another cause has its own trace").isNotNull();

        clock.advance(Duration.ofMinutes(1));
        log.error("Unexpected error, reference r100", failure("boom"));
        ILoggingEvent next = seen.list.get(101);
        assertThat(next.getThrowableProxy()).isNotNull();
        assertThat(next.getFormattedMessage()).contains("reference r100").contains("99 more like it since the last trace");
    }

    @Test
    void shouldSummariseAnOutage_InOneLineAMinute() {
        for (int i = 0; i < 1000; i++) {
            log.summarise("Database unavailable", failure("Connection refused"));
        }
        clock.advance(Duration.ofSeconds(61));
        log.summarise("Database unavailable", failure("Connection refused"));
        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Database unavailable (IllegalStateException: Connection refused)",
                "Database unavailable [999 more like it since the last trace, logged without one; a trace at most every"
                        + " 1 min] (IllegalStateException: Connection refused)");
        assertThat(seen.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
    }

    /** The same cause each time: thrown from the same place. */
    private static RuntimeException failure(String message) {
        return new RuntimeException("wrapped", new IllegalStateException(message));
    }
}
