package com.amends.testing;

import com.amends.webhook.WebhookSignature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook consumer for tests: a real HTTP server on loopback that records every request, checks
 * its Standard Webhooks signature against the secret it was given, and answers from a script,
 * e.g. {@code answer(Answer.status(500).times(3), Answer.status(429).header("Retry-After", "2"),
 * Answer.status(200))}. The last answer of a script repeats for ever.
 */
public final class WebhookReceiver implements AutoCloseable {
    public static final String PATH = "/webhooks";

    /** One request as it arrived. {@code signatureValid} ignores the timestamp's age (tests move clocks). */
    public record Received(Instant at, String method, String path, Map<String, List<String>> headers, String body,
                           boolean signatureValid) {
        /** The first value of a header, by case-insensitive name, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String webhookId() {
            return header("webhook-id");
        }

        public long timestamp() {
            return Long.parseLong(header("webhook-timestamp"));
        }
    }

    /**
     * One scripted answer.
     *
     * @param delay how long to wait before answering at all (to provoke a timeout)
     * @param stallBody send the status, headers and a few bytes, then nothing more until closed
     * @param times how many requests this answer serves before the next one takes over
     */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay, boolean stallBody,
                         int times) {
        public static Answer status(int status) {
            return new Answer(status, Map.of(), "", Duration.ZERO, false, 1);
        }

        public Answer header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, Map.copyOf(more), body, delay, stallBody, times);
        }

        public Answer body(String text) {
            return new Answer(status, headers, text, delay, stallBody, times);
        }

        public Answer after(Duration wait) {
            return new Answer(status, headers, body, wait, stallBody, times);
        }

        public Answer stallingBody() {
            return new Answer(status, headers, body, delay, true, times);
        }

        public Answer times(int count) {
            return new Answer(status, headers, body, delay, stallBody, count);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Object lock = new Object();
    private final List<Received> received = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private Answer current = Answer.status(200).body("ok");
    private int currentLeft = Integer.MAX_VALUE;
    private volatile String secret;

    private WebhookReceiver(String secret, Clock clock) throws IOException {
        this.secret = secret;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A receiver that checks signatures against {@code secret} (null: it checks nothing, every signature is invalid). */
    public static WebhookReceiver start(String secret) {
        return start(secret, Clock.systemUTC());
    }

    public static WebhookReceiver start(String secret, Clock clock) {
        try {
            return new WebhookReceiver(secret, clock);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback", e);
        }
    }

    /** The URL to register: {@code http://127.0.0.1:<port>/webhooks}. */
    public String url() {
        return uri().toString();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** Replaces the script; answers serve in order, and the last repeats. */
    public WebhookReceiver answer(Answer... answers) {
        if (answers.length == 0) {
            throw new IllegalArgumentException("a script needs at least one answer");
        }
        synchronized (lock) {
            script.clear();
            script.addAll(List.of(answers));
            advance();
        }
        return this;
    }

    /** The secret to check signatures against from now on, as a consumer does when it rolls its secret. */
    public void secret(String newSecret) {
        this.secret = newSecret;
    }

    public List<Received> received() {
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    /** Waits until at least {@code count} requests arrived; fails the test, saying what came, if not in time. */
    public List<Received> awaitRequests(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (received.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " webhook requests within " + timeout
                            + ", got " + received.size() + ": " + received.stream().map(Received::webhookId).toList());
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for webhook requests", e);
                }
            }
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // wakes the handlers still sleeping in a delay or a stall
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String body = new String(bytes, StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            Received request = new Received(clock.instant(), exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), headers, body, signatureValid(headers, body));
            Answer answer;
            synchronized (lock) {
                received.add(request);
                answer = next();
                lock.notifyAll();
            }
            respond(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: the exchange is dropped unanswered
        }
    }

    private boolean signatureValid(Map<String, List<String>> headers, String body) {
        String key = secret;
        List<String> id = headers.get("webhook-id");
        List<String> timestamp = headers.get("webhook-timestamp");
        List<String> signature = headers.get("webhook-signature");
        if (key == null || id == null || timestamp == null || signature == null) {
            return false;
        }
        try {
            return WebhookSignature.matches(key, id.get(0), Long.parseLong(timestamp.get(0)), body, signature.get(0));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Answer next() {
        Answer answer = current;
        if (--currentLeft <= 0) {
            advance();
        }
        return answer;
    }

    private void advance() {
        if (!script.isEmpty()) {
            current = script.poll();
            currentLeft = script.isEmpty() ? Integer.MAX_VALUE : current.times();
        } else {
            currentLeft = Integer.MAX_VALUE;
        }
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException, InterruptedException {
        if (!answer.delay().isZero()) {
            Thread.sleep(answer.delay().toMillis());
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        if (answer.stallBody()) {
            // Promise more than is sent, so the client waits for the rest.
            exchange.sendResponseHeaders(answer.status(), body.length + 1024);
            OutputStream out = exchange.getResponseBody();
            out.write(body);
            out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
