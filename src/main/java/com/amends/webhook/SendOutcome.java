package com.amends.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one delivery attempt came to, as the deliveries list shows it and the retry schedule
 * judges it. An answered attempt has a status; any other attempt has the kind of failure and a
 * detail fit for an admin's eyes (never the secret, never the URL, which may carry a token).
 *
 * @param timestamp the {@code webhook-timestamp} sent (0 when nothing was sent)
 * @param status the HTTP status, or 0 when no answer came
 * @param answer the first bytes of the answer's body, decoded as UTF-8 ("" when none)
 * @param retryAfter what the answer's {@code Retry-After} asked for, when present and readable
 * @param elapsed how long the attempt took
 */
public record SendOutcome(
        Kind kind,
        Instant attemptedAt,
        long timestamp,
        int status,
        String answer,
        Optional<Duration> retryAfter,
        String detail,
        Duration elapsed) {

    public enum Kind {
        /** The endpoint answered with an HTTP status, whichever. */
        ANSWERED,
        /** No answer within the timeout: connecting, or reading the status and headers. */
        TIMEOUT,
        CONNECTION_REFUSED,
        /** Reset, closed early, not HTTP, or another transport failure. */
        CONNECTION_ERROR,
        TLS_ERROR,
        UNRESOLVABLE_HOST,
        /** The URL or its addresses are not ones a webhook may call (checked before sending). */
        REFUSED_ADDRESS,
        /** This server was stopping; nothing is known about the endpoint. */
        INTERRUPTED
    }

    public boolean delivered() {
        return kind == Kind.ANSWERED && status >= 200 && status <= 299;
    }

    static SendOutcome answered(Instant attemptedAt, long timestamp, int status, String answer,
                                Optional<Duration> retryAfter, String detail, Duration elapsed) {
        return new SendOutcome(Kind.ANSWERED, attemptedAt, timestamp, status, answer, retryAfter, detail, elapsed);
    }

    static SendOutcome failed(Kind kind, Instant attemptedAt, long timestamp, String detail, Duration elapsed) {
        return new SendOutcome(kind, attemptedAt, timestamp, 0, "", Optional.empty(), detail, elapsed);
    }
}
