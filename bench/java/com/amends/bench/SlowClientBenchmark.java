package com.amends.bench;

import com.amends.bench.load.HttpTarget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The slow-clients benchmark ({@code bench/slowclients.sh}). It starts the server jar on a fresh
 * database and, for each count of trickling connections (1,000 and 2,000 by default), one after the
 * other on the same server:
 * <ol>
 *   <li>times {@code GET /v1/me} and a points grant, one client, one request after the other, with
 *       nothing else going on;</li>
 *   <li>opens the trickling connections: each sends a grant's headers with {@code Content-Length:
 *       1000} and then one byte of its body a second;</li>
 *   <li>times the same requests again while they trickle, and reads from the server's metrics how
 *       many connections it holds and how many of its request threads are busy;</li>
 *   <li>stops trickling and waits for each trickling connection to be answered or closed.</li>
 * </ol>
 * A request that gets no answer within 5 s counts as timed out. Usage: {@code bench/slowclients.sh
 * [--postgres URL] [--connections 1000,2000] [--seconds 15] [--samples 40] [--max-connections N]
 * [--jar path]}.
 */
public final class SlowClientBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(ANSWER_WITHIN).build();

    private String postgres;
    private List<Integer> counts = List.of(1000, 2000);
    private Duration seconds = Duration.ofSeconds(15);
    private int samples = 40;
    private final StringBuilder settings = new StringBuilder();

    public static void main(String[] args) throws Exception {
        System.setProperty("liquibase.showSummaryOutput", "LOG");
        SlowClientBenchmark bench = new SlowClientBenchmark();
        Iterator<String> arg = List.of(args).iterator();
        while (arg.hasNext()) {
            switch (arg.next()) {
                case "--postgres" -> bench.postgres = arg.next();
                case "--connections" -> bench.counts = Arrays.stream(arg.next().split(",")).map(Integer::valueOf).toList();
                case "--seconds" -> bench.seconds = Duration.ofSeconds(Long.parseLong(arg.next()));
                case "--samples" -> bench.samples = Integer.parseInt(arg.next());
                case "--max-connections" -> bench.settings.append("connections:\n  maxConnections: ").append(arg.next())
                        .append('\n');
                case "--jar" -> System.setProperty(ServerJar.JAR_PROPERTY, arg.next());
                default -> throw new IllegalArgumentException("Unknown argument; see bench/slowclients.sh");
            }
        }
        bench.run();
        System.exit(0);
    }

    /** What one count of trickling connections did. */
    private record Round(int trickling, int opened, int connectFailed, long held, long busyThreads, int answered408,
                         int answeredOther, int closed, int stillOpen, Latency meBefore, Latency meDuring,
                         Latency grantBefore, Latency grantDuring) {}

    /** Milliseconds of the requests answered; those not answered within 5 s are counted apart. */
    private record Latency(double p50, double p99, double max, int timedOut, int count) {
        static Latency of(List<Double> millis, int timedOut) {
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (sorted.length == 0) {
                return new Latency(Double.NaN, Double.NaN, Double.NaN, timedOut, 0);
            }
            return new Latency(sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.99) - 1],
                    sorted[sorted.length - 1], timedOut, sorted.length + timedOut);
        }

        @Override
        public String toString() {
            String answered = count == timedOut ? "none answered"
                    : String.format(Locale.ROOT, "%.0f / %.0f / %.0f", p50, p99, max);
            return timedOut == 0 ? answered : answered + String.format(Locale.ROOT, " (%d of %d timed out)", timedOut, count);
        }
    }

    private void run() throws Exception {
        ServerJar server = new ServerJar("slow", postgres, null, settings.toString(), List.of("-Xmx256m"));
        try {
            System.out.println("Load average before: " + Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.println("Server: java -Xmx256m -jar " + System.getProperty(ServerJar.JAR_PROPERTY, "target/amends.jar")
                    + " on " + server.describeDatabase() + (settings.isEmpty() ? "" : ", with\n" + settings.toString().strip()));
            String admin = server.createAdminKey("slow-admin");
            server.start();
            String agent = new HttpTarget(server.port(), new HttpTarget.Keys(admin, null, null, null))
                    .create("/v1/api-keys", admin, Map.of("name", "slow-agent", "role", "agent")).path("secret").asText();
            for (int i = 0; i < 50; i++) { // warm the paths up
                me(server, agent);
                grant(server, agent);
            }
            List<Round> rounds = new ArrayList<>();
            for (int count : counts) {
                rounds.add(round(server, agent, count));
            }
            print(rounds);
            System.out.println("Load average after: " + Files.readString(Path.of("/proc/loadavg")).strip());
        } finally {
            server.close();
            server.deleteFiles();
        }
    }

    private Round round(ServerJar server, String agent, int count) throws Exception {
        List<Double> meBefore = new ArrayList<>();
        List<Double> grantBefore = new ArrayList<>();
        int[] beforeTimeouts = new int[2];
        for (int i = 0; i < samples; i++) {
            time(() -> me(server, agent), meBefore, beforeTimeouts, 0);
            time(() -> grant(server, agent), grantBefore, beforeTimeouts, 1);
        }

        List<Socket> tricklers = new ArrayList<>();
        List<Long> openedAt = new ArrayList<>();
        int connectFailed = 0;
        byte[] headers = ("POST /v1/grants HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + agent
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nIdempotency-Key: ")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
                OutputStream out = socket.getOutputStream();
                out.write(headers);
                out.write((UUID.randomUUID() + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                tricklers.add(socket);
                openedAt.add(System.nanoTime());
            } catch (IOException refused) {
                connectFailed++;
                socket.close();
            }
        }
        AtomicBoolean trickling = new AtomicBoolean(true);
        Thread trickler = new Thread(() -> {
            while (trickling.get()) {
                for (Socket socket : tricklers) {
                    try {
                        socket.getOutputStream().write(' ');
                    } catch (IOException closed) {
                        // answered or closed by the server; counted at the end
                    }
                }
                sleep(1_000);
            }
        }, "trickler");
        trickler.start();
        sleep(2_000);

        List<Double> meDuring = new ArrayList<>();
        List<Double> grantDuring = new ArrayList<>();
        int[] duringTimeouts = new int[2];
        long held = 0;
        long busy = 0;
        long until = System.nanoTime() + seconds.toNanos();
        while (System.nanoTime() < until) {
            time(() -> me(server, agent), meDuring, duringTimeouts, 0);
            time(() -> grant(server, agent), grantDuring, duringTimeouts, 1);
            long[] state = serverState(server);
            held = Math.max(held, state[0]);
            busy = Math.max(busy, state[1]);
        }
        trickling.set(false);
        trickler.join();

        int answered408 = 0;
        int answeredOther = 0;
        int closed = 0;
        int stillOpen = 0;
        long deadline = openedAt.isEmpty() ? 0 : openedAt.get(openedAt.size() - 1) + Duration.ofSeconds(60).toNanos();
        for (Socket socket : tricklers) {
            String end = awaitEnd(socket, deadline);
            if (end == null) {
                stillOpen++;
            } else if (end.startsWith("HTTP/1.1 408")) {
                answered408++;
            } else if (end.startsWith("HTTP/")) {
                answeredOther++;
            } else {
                closed++;
            }
            socket.close();
        }
        sleep(2_000);
        return new Round(count, tricklers.size(), connectFailed, held, busy, answered408, answeredOther, closed, stillOpen,
                Latency.of(meBefore, beforeTimeouts[0]), Latency.of(meDuring, duringTimeouts[0]),
                Latency.of(grantBefore, beforeTimeouts[1]), Latency.of(grantDuring, duringTimeouts[1]));
    }

    /** The first bytes the server sent, "" if it closed without an answer, null if it did neither by the deadline. */
    private static String awaitEnd(Socket socket, long deadline) throws IOException {
        long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        socket.setSoTimeout((int) Math.max(1, left));
        byte[] buffer = new byte[64];
        try {
            int n = socket.getInputStream().read(buffer);
            return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException stillOpen) {
            return null;
        } catch (IOException reset) {
            return "";
        }
    }

    private interface Call {
        int status() throws Exception;
    }

    private static void time(Call call, List<Double> millis, int[] timeouts, int which) {
        long started = System.nanoTime();
        try {
            int status = call.status();
            if (status / 100 != 2) {
                throw new IllegalStateException("answered " + status);
            }
            millis.add((System.nanoTime() - started) / 1e6);
        } catch (java.net.http.HttpTimeoutException | java.net.ConnectException late) {
            timeouts[which]++;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int me(ServerJar server, String agent) throws Exception {
        return HTTP.send(request(server, "/v1/me", agent).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static int grant(ServerJar server, String agent) throws Exception {
        String body = JSON.writeValueAsString(Map.of("customer_id", "cust-" + UUID.randomUUID(), "agent_id", "agent-7",
                "reason_code", "SHIPPING_DELAY", "case_ref", "ZD-" + UUID.randomUUID().toString().substring(0, 8),
                "channel", "email", "points", 100));
        return HTTP.send(request(server, "/v1/grants", agent).header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static HttpRequest.Builder request(ServerJar server, String path, String secret) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(ANSWER_WITHIN)
                .header("Authorization", "Bearer " + secret);
    }

    /**
     * The connections the server has accepted on the API port (established ones, less those still in
     * the kernel's accept queue, as ss shows them) and its busy request threads, from its metrics.
     */
    private static long[] serverState(ServerJar server) {
        long accepted = -1;
        try {
            String port = String.valueOf(server.port());
            long established = ss("state", "established", "( sport = :" + port + " )").size();
            long queued = ss("-l", "( sport = :" + port + " )").stream().mapToLong(line -> Long.parseLong(line.split("\\s+")[1]))
                    .sum();
            accepted = established - queued;
        } catch (Exception e) {
            // no ss here: left as -1
        }
        try {
            JsonNode gauges = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.adminPort() + "/metrics")).timeout(ANSWER_WITHIN).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("gauges");
            String pool = "org.eclipse.jetty.util.thread.QueuedThreadPool.dw.";
            long busy = Math.round(gauges.path(pool + "size").path("value").asDouble()
                    * gauges.path(pool + "utilization").path("value").asDouble());
            return new long[] {accepted, busy};
        } catch (Exception e) {
            return new long[] {accepted, -1};
        }
    }

    /** ss -tnH's lines for a filter (TCP, numeric, no header). */
    private static List<String> ss(String... filter) throws Exception {
        List<String> command = new ArrayList<>(List.of("ss", "-tnH"));
        command.addAll(List.of(filter));
        Process ss = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(ss.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines()
                .filter(line -> !line.isBlank()).toList();
        if (ss.waitFor() != 0) {
            throw new IllegalStateException("ss failed");
        }
        return lines;
    }

    private void print(List<Round> rounds) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Each trickling connection: a grant's headers, Content-Length 1000, then a byte a second."
                + " Latencies in ms (p50 / p99 / max), %d requests of each kind before, and for %d s during, one after"
                + " the other; a request unanswered after %d s counts as timed out.%n%n",
                samples, seconds.toSeconds(), ANSWER_WITHIN.toSeconds());
        System.out.println("| trickling | connected | connect failed | accepted by the server (peak) | request threads busy (peak)"
                + " | GET /v1/me before | GET /v1/me during | grant before | grant during"
                + " | then answered 408 | other answer | closed unanswered | still open after 60 s |");
        System.out.println("|---:|---:|---:|---:|---:|---|---|---|---|---:|---:|---:|---:|");
        for (Round r : rounds) {
            System.out.printf(Locale.ROOT, "| %,d | %,d | %,d | %,d | %,d | %s | %s | %s | %s | %,d | %,d | %,d | %,d |%n",
                    r.trickling(), r.opened(), r.connectFailed(), r.held(), r.busyThreads(), r.meBefore(), r.meDuring(),
                    r.grantBefore(), r.grantDuring(), r.answered408(), r.answeredOther(), r.closed(), r.stillOpen());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
