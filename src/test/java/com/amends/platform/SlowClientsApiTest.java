package com.amends.platform;

import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clients that send their bodies a byte at a time hold connections, never request threads: the
 * API keeps answering others while more of them trickle than the server has threads, and each is
 * answered 408 once its body is overdue.
 */
@Tag("http")
class SlowClientsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** More than the server's request threads below, so that one thread per trickling body would be all of them. */
    private static final int TRICKLING = 400;
    private static final int THREADS = 64;
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);

    private static TestServer server(Supplier<TestDatabase> database) {
        return new TestServer(database.get()).setting("server.maxThreads", String.valueOf(THREADS))
                .setting("connections.bodyTimeout", BODY_TIMEOUT.toSeconds() + " seconds").start();
    }

    @ParameterizedTest
    @MethodSource("com.amends.testing.Servers#databases")
    void shouldKeepAnsweringWhileManyClientsTrickleTheirBodies(Supplier<TestDatabase> database) throws Exception {
        try (TestServer server = server(database)) {
            Api agent = server.as(Role.AGENT);
            agent.get("/v1/me").expect(200);
            agent.post("/v1/grants", pointsGrant(newCustomer(), 100)).expect(201);
            List<Trickler> tricklers = new ArrayList<>();
            try {
                for (int i = 0; i < TRICKLING; i++) {
                    tricklers.add(new Trickler(server.port(), server.secret(Role.AGENT)));
                }
                for (int round = 0; round < 3; round++) {
                    trickle(tricklers);
                }
                for (int i = 0; i < 3; i++) {
                    trickle(tricklers);
                    Duration me = timed(() -> agent.get("/v1/me").expect(200));
                    Duration grant = timed(() -> agent.post("/v1/grants", pointsGrant(newCustomer(), 100)).expect(201));
                    System.out.printf("%s, %d clients trickling: GET /v1/me %d ms, grant %d ms%n",
                            server.databaseKind(), TRICKLING, me.toMillis(), grant.toMillis());
                    assertThat(me).as("GET /v1/me while %d clients trickle", TRICKLING).isLessThan(Duration.ofSeconds(2));
                    assertThat(grant).as("a grant while %d clients trickle", TRICKLING).isLessThan(Duration.ofSeconds(2));
                }
                System.out.println("busy request threads: " + busyThreads(server));
                assertThat(busyThreads(server)).as("request threads busy while they trickle").isLessThan(THREADS / 2);
                int answered = 0;
                for (Trickler trickler : tricklers) {
                    String end = trickler.awaitEnd(BODY_TIMEOUT.plusSeconds(15));
                    assertThat(trickler.heldFor()).as("a trickling body is given its time")
                            .isGreaterThanOrEqualTo(BODY_TIMEOUT.minusSeconds(1));
                    if (end.startsWith("HTTP/1.1")) {
                        assertThat(end).startsWith("HTTP/1.1 408").contains("application/problem+json")
                                .contains("\"code\":\"request_timeout\"");
                        answered++;
                    }
                }
                assertThat(answered).as("answered 408 rather than dropped").isGreaterThan(TRICKLING * 9 / 10);
            } finally {
                for (Trickler trickler : tricklers) {
                    trickler.close();
                }
            }
            within(() -> agent.get("/v1/me").expect(200));
        }
    }

    @ParameterizedTest
    @MethodSource("com.amends.testing.Servers#databases")
    void shouldServeAnHonestBodyThatPausesAndRefuseOneOverTheLimit(Supplier<TestDatabase> database) throws Exception {
        try (TestServer server = server(database)) {
            String body = JSON.writeValueAsString(pointsGrant(newCustomer(), 100));
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                send(socket, headers(server, "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length));
                Thread.sleep(1_200); // a client pausing between its headers and its body
                send(socket, body);
                assertThat(answer(socket)).startsWith("HTTP/1.1 201");
            }
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                send(socket, headers(server, "Transfer-Encoding: chunked"));
                String chunk = "x".repeat(64 * 1024);
                for (int i = 0; i < 40; i++) { // 2.5 MiB, over the 2 MiB limit, with no length to refuse it by
                    send(socket, Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
                }
                send(socket, "0\r\n\r\n");
                assertThat(answer(socket)).startsWith("HTTP/1.1 413").contains("\"code\":\"payload_too_large\"");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("com.amends.testing.Servers#databases")
    void shouldHoldNoMoreConnectionsThanItsLimit(Supplier<TestDatabase> database) throws Exception {
        try (TestServer server = new TestServer(database.get()).setting("connections.maxConnections", "20").start()) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    idle.add(new Socket("127.0.0.1", server.port()));
                }
                Thread.sleep(500);
                try (Socket waiting = new Socket("127.0.0.1", server.port())) {
                    send(waiting, "GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n");
                    waiting.setSoTimeout(1_500);
                    assertThat(readOrTimeout(waiting)).as("past the limit a connection waits").isNull();
                    idle.remove(0).close();
                    waiting.setSoTimeout(10_000);
                    assertThat(readOrTimeout(waiting)).as("and is served once another closes").startsWith("HTTP/1.1 200");
                }
                assertThat(server.adminPort().get("/healthcheck").status()).as("the admin port is not limited").isEqualTo(200);
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
        }
    }

    /** One byte of every trickling body, then a pause. */
    private static void trickle(List<Trickler> tricklers) throws InterruptedException {
        for (Trickler trickler : tricklers) {
            trickler.sendByte();
        }
        Thread.sleep(300);
    }

    private static <T> T within(Supplier<T> call) throws Exception {
        return CompletableFuture.supplyAsync(call).get(10, TimeUnit.SECONDS);
    }

    private static Duration timed(Supplier<?> call) throws Exception {
        long started = System.nanoTime();
        within(call);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The busy threads of the server's request pool, as its metrics show them. */
    private static long busyThreads(TestServer server) {
        var gauges = server.adminPort().get("/metrics").json().path("gauges");
        double size = gauges.path("org.eclipse.jetty.util.thread.QueuedThreadPool.dw.size").path("value").asDouble();
        double utilization = gauges.path("org.eclipse.jetty.util.thread.QueuedThreadPool.dw.utilization")
                .path("value").asDouble();
        return Math.round(size * utilization);
    }

    private static String headers(TestServer server, String framing) {
        return "POST /v1/grants HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server.secret(Role.AGENT)
                + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + UUID.randomUUID() + "\r\n" + framing
                + "\r\n\r\n";
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    private static String answer(Socket socket) throws IOException {
        socket.setSoTimeout(15_000);
        String answer = readOrTimeout(socket);
        assertThat(answer).as("an answer").isNotNull();
        return answer;
    }

    /** What the server sent (up to 4 KB), or null if it sent nothing within the socket's timeout. */
    private static String readOrTimeout(Socket socket) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            InputStream in = socket.getInputStream();
            int n = in.read(buffer);
            return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
        } catch (SocketTimeoutException nothingYet) {
            return null;
        }
    }

    /** A client that sends a grant's headers and then its body a byte now and then. */
    private static final class Trickler implements AutoCloseable {
        private final Socket socket;
        private final long opened = System.nanoTime();
        private long ended;
        private boolean open = true;

        Trickler(int port, String secret) throws IOException {
            socket = new Socket("127.0.0.1", port);
            send(socket, "POST /v1/grants HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + secret
                    + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + UUID.randomUUID()
                    + "\r\nContent-Length: 1000\r\n\r\n{");
        }

        void sendByte() {
            if (!open) {
                return;
            }
            try {
                send(socket, " ");
            } catch (IOException closed) {
                open = false;
            }
        }

        /** The answer's start, or "" if the server closed the connection without one. */
        String awaitEnd(Duration atMost) throws IOException {
            socket.setSoTimeout((int) Math.max(1, atMost.toMillis() - Duration.ofNanos(System.nanoTime() - opened).toMillis()));
            String end;
            try {
                end = readOrTimeout(socket);
            } catch (IOException reset) {
                end = "";
            }
            ended = System.nanoTime();
            assertThat(end).as("a trickling client is answered or closed in time").isNotNull();
            return end;
        }

        Duration heldFor() {
            return Duration.ofNanos(ended - opened);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
