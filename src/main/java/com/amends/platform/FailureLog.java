package com.amends.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;

/**
 * Logs failures so that the log helps instead of filling the disk: a line for each failure, and
 * the stack trace of a given cause (where it was thrown, by which kind of exception) at most
 * once per interval, saying how many like it went by without theirs. A database outage under
 * load fails every request the same way; one trace a minute says as much as thousands.
 */
public final class FailureLog {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private final Logger log;
    private final Clock clock;
    private final Duration interval;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public FailureLog(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.interval = interval;
    }

    public void error(String line, Throwable failure) {
        String said = said(line, failure);
        if (said != null) {
            log.error(said, failure);
        } else {
            log.error("{} ({})", line, summary(failure));
        }
    }

    public void warn(String line, Throwable failure) {
        String said = said(line, failure);
        if (said != null) {
            log.warn(said, failure);
        } else {
            log.warn("{} ({})", line, summary(failure));
        }
    }

    /**
     * Counts failures without a line each, and says how many once per interval: for failures that
     * are not the server's fault (the database is away) and that every request meets alike.
     */
    public void summarise(String line, Throwable failure) {
        String said = said(line, failure);
        if (said != null) {
            log.warn("{} ({})", said, summary(failure));
        }
    }

    /** The line to log with the trace when this cause's interval has run out; null while it runs. */
    private String said(String line, Throwable failure) {
        Instant now = clock.instant();
        String cause = signature(failure);
        Window window = windows.compute(cause, (key, current) ->
                current == null || !now.isBefore(current.started.plus(interval))
                        ? new Window(now, 0, true, current == null ? 0 : current.suppressed)
                        : new Window(current.started, current.suppressed + 1, false, 0));
        if (!window.fresh) {
            return null;
        }
        return window.suppressedBefore == 0 ? line : line + " [" + window.suppressedBefore
                + " more like it since the last trace, logged without one; a trace at most every "
                + describe(interval) + "]";
    }

    /** The kind of exception at the root of the failure and where it was thrown: what makes two failures alike. */
    static String signature(Throwable failure) {
        Throwable root = root(failure);
        StackTraceElement[] frames = root.getStackTrace();
        return failure.getClass().getName() + "/" + root.getClass().getName()
                + (frames.length == 0 ? "" : "@" + frames[0]);
    }

    static String summary(Throwable failure) {
        Throwable root = root(failure);
        String message = root.getMessage() == null ? "" : ": " + firstLine(root.getMessage());
        return root.getClass().getSimpleName() + message;
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static String describe(Duration duration) {
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }

    private record Window(Instant started, long suppressed, boolean fresh, long suppressedBefore) {}
}
