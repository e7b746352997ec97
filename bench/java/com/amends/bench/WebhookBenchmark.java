package com.amends.bench;

import com.amends.bench.load.HttpTarget;
import com.amends.bench.load.Profile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether delivery keeps up: the server jar, with one endpoint registered to a receiver in this
 * process that answers 204 at once, writes {@code --events} events (a campaign of that many
 * customers, one {@code grant.issued} each) while its delivery worker is idle; then the worker
 * is started ({@code POST /tasks/deliver-webhooks}, the pass the scheduler runs) and the
 * receiver's count is polled until every event has arrived. Beside it, in the same run, a plain
 * HTTP client in this process sends the same bodies to the same receiver at the worker's
 * concurrency. One fresh server per setting of {@code maxInFlightPerEndpoint}; list a setting
 * twice to measure it twice. Usage: {@code bench/webhooks.sh [--events 20000] [--in-flight 2,16,2,16]
 * [--worker-threads 8] [--max-seconds 60] [--postgres URL] [--xmx 256m] [--receiver-nagle] [--receiver-body] [--warmup-rounds 4] [--profile]};
 * the last two leave the receiver with the JDK server's default, Nagle's algorithm on, and have it
 * answer 200 with a body instead of 204, to show what the two together cost.
 */
public final class WebhookBenchmark {
    private static final int BATCH = 10_000;
    /** The warm-up campaigns' own events (batch and campaign completed) may still arrive after their grants. */
    private static final int LATE_WARM_UP_EVENTS = 100;
    private static final int PLAIN_WARM_UP = 2_000;

    private String postgres;
    private int events = 20_000;
    private List<Integer> inFlight = List.of(2, 16, 2, 16);
    private int workerThreads = 8;
    private Duration maxWait = Duration.ofSeconds(60);
    private String heap = "256m";
    private boolean nagle;
    private boolean answerBody;
    /**
     * Rounds of {@code --events} delivered before the measured one: the JIT took minutes to compile
     * the request path (see the load benchmark), and one round of 2,000 measured a server it had
     * not finished compiling.
     */
    private int warmUpRounds = 4;
    private boolean profile;

    private record Row(int inFlight, int concurrency, long events, long delivered, double seconds, double plainRate) {
        double rate() {
            return delivered / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("liquibase.showSummaryOutput", "LOG");
        WebhookBenchmark bench = new WebhookBenchmark();
        Iterator<String> arg = List.of(args).iterator();
        while (arg.hasNext()) {
            switch (arg.next()) {
                case "--postgres" -> bench.postgres = arg.next();
                case "--events" -> bench.events = Integer.parseInt(arg.next());
                case "--in-flight" -> bench.inFlight = Arrays.stream(arg.next().split(",")).map(Integer::parseInt).toList();
                case "--worker-threads" -> bench.workerThreads = Integer.parseInt(arg.next());
                case "--max-seconds" -> bench.maxWait = Duration.ofSeconds(Long.parseLong(arg.next()));
                case "--xmx" -> bench.heap = arg.next();
                case "--receiver-nagle" -> bench.nagle = true;
                case "--receiver-body" -> bench.answerBody = true;
                case "--warmup-rounds" -> bench.warmUpRounds = Integer.parseInt(arg.next());
                case "--profile" -> bench.profile = true;
                default -> throw new IllegalArgumentException("Unknown argument; see bench/webhooks.sh");
            }
        }
        bench.run();
        System.exit(0);
    }

    private void run() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (FastReceiver receiver = FastReceiver.start(32, events, !nagle, answerBody)) {
            for (int cap : inFlight) {
                Row row = measure(cap, receiver);
                rows.add(row);
                System.out.printf(Locale.ROOT, "  measured %s", tableRow(row));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Webhook delivery: %,d grant.issued events (a campaign) to one endpoint on a receiver in the "
                + "benchmark's JVM (%s) that answers at once; server java -Xmx%s, %s, %d worker threads; %d cores, Java %s%n%n",
                events, (nagle ? "JDK HttpServer, Nagle on" : "JDK HttpServer, TCP_NODELAY")
                        + (answerBody ? ", answering 200 with a body" : ", answering 204"), heap, postgres != null ? "PostgreSQL" : "H2 file database", workerThreads,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("| in flight per endpoint | concurrency | events | delivered | seconds | deliveries/s "
                + "| plain client, same bodies and concurrency: req/s | worker / plain |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(row -> System.out.print(tableRow(row)));
        System.out.println();
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "  target: >= 1,000 events/s delivered (in flight %d): %,.0f/s %s%n",
                    row.inFlight, row.rate(), row.rate() >= 1000 ? "met" : "NOT MET");
        }
    }

    private static String tableRow(Row row) {
        return String.format(Locale.ROOT, "| %d | %d | %,d | %,d | %.2f | %,.0f | %,.0f | %.2f |%n", row.inFlight,
                row.concurrency, row.events, row.delivered, row.seconds, row.rate(), row.plainRate,
                row.rate() / row.plainRate);
    }

    private Row measure(int cap, FastReceiver receiver) throws Exception {
        String settings = """
                campaignWorkerInterval: 1 hour
                webhooks:
                  allowPrivateAddresses: true
                  workerInterval: 1 hour
                  workerThreads: %d
                  maxInFlightPerEndpoint: %d
                """.formatted(workerThreads, cap);
        ServerJar server = new ServerJar("webhooks", postgres, null, settings, List.of("-Xmx" + heap));
        boolean finished = false;
        try {
            String admin = server.createAdminKey("bench-admin");
            server.start();
            HttpTarget http = new HttpTarget(server.port(), new HttpTarget.Keys(admin, null, null, null));
            String supervisor = http.create("/v1/api-keys", admin, Map.of("name", "bench-supervisor",
                    "role", "supervisor")).path("secret").asText();
            http.create("/v1/webhook-endpoints", admin, Map.of("url", receiver.url(), "description", "benchmark"));
            HttpClient adminPort = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            for (int round = 1; round <= warmUpRounds; round++) {
                campaign(http, supervisor, adminPort, server, events);
                long first = receiver.received();
                long began = System.nanoTime();
                long arrived = deliver(adminPort, server, receiver, first + events) - first;
                System.out.printf(Locale.ROOT, "  warm-up round %d: %,d delivered, %,.0f/s%n", round, arrived,
                        arrived / ((System.nanoTime() - began) / 1e9));
            }

            long before = receiver.received();
            campaign(http, supervisor, adminPort, server, events);
            server.refreshStatistics();
            long early = receiver.received() - before;
            if (early > LATE_WARM_UP_EVENTS) {
                throw new IllegalStateException(early + " deliveries arrived while the worker should have been idle");
            }
            Path recording = server.dir().resolve("delivery.jfr");
            if (profile) {
                server.startRecording("delivery");
            }
            long start = System.nanoTime();
            long delivered = deliver(adminPort, server, receiver, receiver.received() + events) - before;
            double seconds = (System.nanoTime() - start) / 1e9;
            if (profile) {
                server.stopRecording("delivery", recording);
                System.out.println("Profile of the server while it delivered (JFR):");
                System.out.println(Profile.summarise(recording, 15));
            }
            int concurrency = Math.min(cap, workerThreads);
            double plain = plain(receiver, concurrency);
            server.stop();
            finished = true;
            return new Row(cap, concurrency, events, delivered, seconds, plain);
        } finally {
            server.close();
            if (finished) {
                server.deleteFiles();
            } else {
                System.out.println("Server log kept in " + server.dir().resolve("server.log"));
            }
        }
    }

    /** A campaign of {@code customers} new customers, credited by the campaign task: one grant.issued event each. */
    private static void campaign(HttpTarget http, String supervisor, HttpClient adminPort, ServerJar server,
                                 int customers) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String campaign = http.create("/v1/campaigns", supervisor, Map.of("name", "bench", "incident_ref",
                "bench-" + run, "reason_code", "PROACTIVE_APOLOGY", "agent_id", "lead-1",
                "reward", Map.of("points", 100))).path("id").asText();
        for (int from = 0; from < customers; from += BATCH) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = from; i < Math.min(customers, from + BATCH); i++) {
                rows.add(Map.of("customer_id", "c-" + run + "-" + i));
            }
            http.create("/v1/campaigns/" + campaign + "/recipients", supervisor, Map.of("recipients", rows));
        }
        task(adminPort, server, "campaigns");
    }

    /**
     * Runs the delivery pass and polls the receiver until it has {@code until} requests or the
     * wait runs out; returns the receiver's count then. The pass itself returns when nothing is
     * due, which the campaign's own events (batch and campaign completed) are part of.
     */
    private long deliver(HttpClient adminPort, ServerJar server, FastReceiver receiver, long until) throws Exception {
        Thread pass = new Thread(() -> {
            try {
                task(adminPort, server, "deliver-webhooks");
            } catch (Exception stopped) {
                // the server was stopped before the pass ended (the wait ran out)
            }
        }, "deliver-webhooks");
        pass.setDaemon(true);
        pass.start();
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (receiver.received() < until && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return receiver.received();
    }

    private static void task(HttpClient adminPort, ServerJar server, String task) throws Exception {
        HttpResponse<String> answer = adminPort.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.adminPort() + "/tasks/" + task))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("/tasks/" + task + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** The same bodies from a plain JDK client, {@code concurrency} at once, with headers like the worker's. */
    private double plain(FastReceiver receiver, int concurrency) throws Exception {
        List<byte[]> bodies = receiver.kept();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(receiver.url());
        // Warm the client's path first, as the server's was.
        send(client, uri, bodies.subList(0, Math.min(bodies.size(), PLAIN_WARM_UP)), concurrency, Long.MAX_VALUE);
        long start = System.nanoTime();
        int sent = send(client, uri, bodies, concurrency, start + maxWait.toNanos());
        return sent / ((System.nanoTime() - start) / 1e9);
    }

    private static int send(HttpClient client, URI uri, List<byte[]> bodies, int concurrency, long deadline)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < bodies.size() && System.nanoTime() < deadline) {
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                            .header("content-type", "application/json")
                            .header("user-agent", "Amends-Webhooks/1.0")
                            .header("webhook-id", "evt_plain" + i)
                            .header("webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000))
                            .header("webhook-signature", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build();
                    try {
                        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
                            done.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "plain-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return done.get();
    }
}
