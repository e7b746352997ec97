package com.amends.webhook;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Makes one delivery attempt: a signed POST, the answer's status and first bytes. Whatever the
 * endpoint does (hangs, refuses, resets, answers garbage, redirects) comes back as a
 * {@link SendOutcome}; deciding what happens next is {@link RetrySchedule}'s job.
 */
public final class WebhookSender {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** Enough to show an endpoint's error message in the deliveries list. */
    public static final int MAX_ANSWER_BYTES = 4096;
    static final String USER_AGENT = "Amends-Webhooks/1.0";

    private final EndpointGuard guard;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient client;

    public WebhookSender(EndpointGuard guard, Clock clock, Duration timeout) {
        this.guard = guard;
        this.clock = clock;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                // A redirect is an answer, not an instruction: following it would let an endpoint
                // steer our signed request past the address check to anywhere.
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                // Cleartext HTTP/2 would add an Upgrade: h2c header that some receivers mishandle.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Sends {@code body} to {@code url}, signed with every live secret. The timestamp is now, so a
     * retry carries a fresh one with the same {@code webhookId}, as the specification wants.
     */
    public SendOutcome send(String url, String webhookId, String body, List<String> secrets) {
        Instant attemptedAt = clock.instant();
        long started = System.nanoTime();
        EndpointGuard.Verdict verdict = guard.check(url);
        if (!verdict.allowed()) {
            SendOutcome.Kind kind = verdict.refusal() == EndpointGuard.Refusal.UNRESOLVABLE_HOST
                    ? SendOutcome.Kind.UNRESOLVABLE_HOST
                    : SendOutcome.Kind.REFUSED_ADDRESS;
            return SendOutcome.failed(kind, attemptedAt, 0, "url " + verdict.reason(), since(started));
        }
        long timestamp = attemptedAt.getEpochSecond();
        // Outside the try below: a bad secret or id is our fault, not the endpoint's, and must fail loudly.
        String signature = WebhookSignature.header(secrets, webhookId, timestamp, body);
        HttpRequest request;
        try {
            request = request(verdict.uri(), webhookId, timestamp, body, signature);
        } catch (IllegalArgumentException e) {
            // A URI the guard let through but the client will not send to.
            return SendOutcome.failed(SendOutcome.Kind.REFUSED_ADDRESS, attemptedAt, 0,
                    "url cannot be sent to: " + e.getMessage(), since(started));
        }
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request, AnswerPrefix.handler(MAX_ANSWER_BYTES));
        try {
            // The request timeout covers the status and headers only; this bounds the body too.
            HttpResponse<byte[]> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return answered(response, attemptedAt, timestamp, since(started));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return SendOutcome.failed(SendOutcome.Kind.TIMEOUT, attemptedAt, timestamp,
                    "no complete answer within " + seconds(timeout), since(started));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return SendOutcome.failed(SendOutcome.Kind.INTERRUPTED, attemptedAt, timestamp,
                    "interrupted: this server was stopping", since(started));
        } catch (ExecutionException e) {
            return failed(e.getCause(), attemptedAt, timestamp, since(started));
        }
    }

    private HttpRequest request(URI uri, String webhookId, long timestamp, String body, String signature) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", USER_AGENT)
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private SendOutcome answered(HttpResponse<byte[]> response, Instant attemptedAt, long timestamp, Duration elapsed) {
        int status = response.statusCode();
        String answer = new String(response.body(), StandardCharsets.UTF_8);
        var retryAfter = RetryAfter.parse(response.headers().firstValue("retry-after").orElse(null), clock.instant());
        String detail = status >= 300 && status <= 399
                ? "answered " + status + "; redirects are not followed, register the final URL"
                : "answered " + status;
        return SendOutcome.answered(attemptedAt, timestamp, status, answer, retryAfter, detail, elapsed);
    }

    private SendOutcome failed(Throwable failure, Instant attemptedAt, long timestamp, Duration elapsed) {
        // The client wraps the cause that names the failure a level or two down.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return SendOutcome.failed(SendOutcome.Kind.TIMEOUT, attemptedAt, timestamp,
                        "no complete answer within " + seconds(timeout), elapsed);
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return SendOutcome.failed(SendOutcome.Kind.UNRESOLVABLE_HOST, attemptedAt, timestamp,
                        "host does not resolve", elapsed);
            }
            if (t instanceof SSLException) {
                return SendOutcome.failed(SendOutcome.Kind.TLS_ERROR, attemptedAt, timestamp,
                        "TLS failed: " + t.getMessage(), elapsed);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return SendOutcome.failed(SendOutcome.Kind.CONNECTION_REFUSED, attemptedAt, timestamp,
                        "connection refused", elapsed);
            }
        }
        String message = failure == null ? "unknown" : failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return SendOutcome.failed(SendOutcome.Kind.CONNECTION_ERROR, attemptedAt, timestamp,
                "connection failed: " + message, elapsed);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
