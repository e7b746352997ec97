package com.amends.bench;

import com.amends.bench.load.HttpTarget;
import com.amends.bench.load.Seeded;
import com.amends.bench.load.Seeding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The H2 file against its disk, on the server jar with config.yml's H2 URL.
 *
 * <p>{@code growth}: value-moving requests (points grants and redemptions, half each, with
 * Idempotency-Keys) by a few clients; every so many, the file's size beside its live bytes (the
 * server's {@code h2.file.*} gauges), and at the end the size the same file compacts to.
 *
 * <p>{@code full}: the same writes while the server's file size limit ({@code prlimit --fsize}) is
 * lowered to the file's size, so that H2's next write past it fails as on a full disk; then the
 * limit is raised again. Per second: answers by status and the health check; then whether the
 * server recovered without a restart and the books still reconcile.
 */
public final class H2DiskBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private String mode = "growth";
    private int requests = 100_000;
    private int every = 10_000;
    private int clients = 8;
    private int customers = 200;
    private int fullSeconds = 20;
    private int maxSeconds = 0;

    public static void main(String[] args) throws Exception {
        H2DiskBenchmark bench = new H2DiskBenchmark();
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--mode" -> bench.mode = value;
                case "--requests" -> bench.requests = Integer.parseInt(value);
                case "--every" -> bench.every = Integer.parseInt(value);
                case "--clients" -> bench.clients = Integer.parseInt(value);
                case "--customers" -> bench.customers = Integer.parseInt(value);
                case "--full-seconds" -> bench.fullSeconds = Integer.parseInt(value);
                case "--max-seconds" -> bench.maxSeconds = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "Load average at the start: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        try {
            if (bench.mode.equals("growth")) {
                bench.growth();
            } else {
                bench.fullDisk();
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // the clients' threads and the server's kill hook must not keep the run alive
        }
        System.out.printf(Locale.ROOT, "Load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        System.exit(0);
    }

    private record Setup(ServerJar server, HttpTarget http, HttpTarget.Keys keys, Seeded data) {}

    private Setup start(String name) throws Exception {
        ServerJar server = new ServerJar(name, null, null, "", List.of("-Xmx256m"));
        String admin = server.createAdminKey("disk-admin");
        server.start();
        HttpTarget adminTarget = new HttpTarget(server.port(), new HttpTarget.Keys(admin, null, null, null));
        Map<String, String> secrets = new java.util.HashMap<>();
        for (String role : List.of("agent", "supervisor", "storefront", "finance")) {
            secrets.put(role, adminTarget.create("/v1/api-keys", admin, Map.of("name", "disk-" + role, "role", role))
                    .path("secret").asText());
        }
        financeSecret = secrets.get("finance");
        HttpTarget.Keys keys = new HttpTarget.Keys(admin, secrets.get("agent"), secrets.get("supervisor"),
                secrets.get("storefront"));
        HttpTarget http = new HttpTarget(server.port(), keys);
        System.out.printf(Locale.ROOT, "Server: %s; seeding %d customers%n", server.describeDatabase(), customers);
        Seeded data = Seeding.seed(http, keys, customers);
        return new Setup(server, http, keys, data);
    }

    private String financeSecret;

    private void growth() throws Exception {
        Setup setup = start("h2growth");
        ServerJar server = setup.server();
        Path file = server.dir().resolve("data").resolve("amends.mv.db");
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        long deadline = maxSeconds > 0 ? started + Duration.ofSeconds(maxSeconds).toNanos() : Long.MAX_VALUE;
        System.out.printf(Locale.ROOT, "%d clients, grants and redemptions of points, half each%n%n", clients);
        System.out.println("| requests | s | req/s | file MiB | live MiB (gauge) | file / live | bytes per request | trace files |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        long fileAtStart = Files.size(file);
        long mark = every;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            while (done.get() < requests && System.nanoTime() < deadline) {
                long target = Math.min(mark, requests);
                List<java.util.concurrent.Future<?>> running = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    running.add(pool.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        while (done.getAndIncrement() < target) {
                            String customer = setup.data().customers().get(random.nextInt(setup.data().customers().size()));
                            if (random.nextBoolean()) {
                                setup.http().grantPoints(customer, "agent-" + random.nextInt(200), 10);
                            } else {
                                setup.http().redeemPoints(customer, 5);
                            }
                        }
                        done.decrementAndGet();
                        return null;
                    }));
                }
                for (var future : running) {
                    future.get();
                }
                Thread.sleep(1500); // a compaction run after the last commit, so the gauges are current
                JsonNode gauges = json("http://127.0.0.1:" + server.adminPort() + "/metrics").path("gauges");
                long bytes = Files.size(file);
                long live = gauges.path("h2.file.liveBytes").path("value").asLong();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "| %,d | %.0f | %.0f | %.1f | %.1f | %.2f | %,d | %s |%n", done.get(), seconds,
                        done.get() / seconds, bytes / 1048576.0, live / 1048576.0, live == 0 ? 0.0 : (double) bytes / live,
                        (bytes - fileAtStart) / Math.max(1, done.get()), traceFiles(server));
                mark += every;
            }
        } finally {
            pool.shutdownNow();
        }
        server.stop();
        long before = Files.size(file);
        String url = "jdbc:h2:file:" + server.dir().resolve("data").resolve("amends").toAbsolutePath() + server.h2Options();
        try (Connection connection = DriverManager.getConnection(url, "sa", ""); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        }
        System.out.printf(Locale.ROOT, "%nAfter %,d requests, server stopped: file %.1f MiB; the same file compacted "
                        + "(SHUTDOWN COMPACT) %.1f MiB, a factor of %.2f%n", done.get(), before / 1048576.0,
                Files.size(file) / 1048576.0, (double) before / Files.size(file));
        server.close();
        server.deleteFiles();
    }

    private static String traceFiles(ServerJar server) throws Exception {
        try (var files = Files.list(server.dir().resolve("data"))) {
            List<String> traces = files.map(Path::getFileName).map(Path::toString).filter(name -> name.contains("trace")).toList();
            return traces.isEmpty() ? "none" : String.join(" ", traces);
        }
    }

    private void fullDisk() throws Exception {
        Setup setup = start("h2full");
        ServerJar server = setup.server();
        Path file = server.dir().resolve("data").resolve("amends.mv.db");
        long pid = server.pid();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<String> okKeys = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong fiveHundreds = new AtomicLong();
        volatileStop = false;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!volatileStop) {
                    String customer = setup.data().customers().get(random.nextInt(setup.data().customers().size()));
                    int status;
                    try {
                        status = random.nextBoolean()
                                ? post("/v1/grants", setup.keys().agent(), Map.of("customer_id", customer, "agent_id",
                                        "agent-" + random.nextInt(200), "reason_code", "DAMAGED_ITEM", "case_ref",
                                        "ZD-" + java.util.UUID.randomUUID(), "channel", "phone", "points", 10), server.port())
                                : post("/v1/customers/" + customer + "/points/redemptions", setup.keys().storefront(),
                                        Map.of("order_ref", "order-" + java.util.UUID.randomUUID(), "points", 5), server.port());
                    } catch (Exception e) {
                        status = -1;
                    }
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    if (status == 500) {
                        fiveHundreds.incrementAndGet();
                    }
                    if (status == 503) {
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
        }
        System.out.println();
        System.out.println("| s | phase | file MiB | 2xx | 503 | 500 | other | health |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---|");
        String phase = "normal";
        long limit = 0;
        int since503 = -1;
        Integer firstOkAfter = null;
        Integer healthyAfter = null;
        int raisedAt = -1;
        for (int second = 1; second <= 240; second++) {
            Thread.sleep(1000);
            Map<Integer, Long> counts = new java.util.TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.getAndSet(0)));
            long ok = counts.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(Map.Entry::getValue).sum();
            long unavailable = counts.getOrDefault(503, 0L);
            long errors = counts.getOrDefault(500, 0L);
            long other = counts.values().stream().mapToLong(Long::longValue).sum() - ok - unavailable - errors;
            int health = status("http://127.0.0.1:" + server.adminPort() + "/healthcheck");
            System.out.printf(Locale.ROOT, "| %d | %s | %.1f | %d | %d | %d | %d | %d |%n", second, phase,
                    Files.size(file) / 1048576.0, ok, unavailable, errors, other, health);
            if (second == 5) {
                limit = Files.size(file);
                // The soft limit only: a process may raise its soft limit again, not its hard one.
                prlimit(pid, limit + ":");
                phase = "limit " + limit / 1024 + " KiB";
            } else if (phase.startsWith("limit") && unavailable > 0 && ++since503 >= fullSeconds) {
                prlimit(pid, "unlimited:");
                phase = "raised";
                raisedAt = second;
            } else if (phase.equals("raised")) {
                if (firstOkAfter == null && ok > 0) {
                    firstOkAfter = second - raisedAt;
                }
                if (healthyAfter == null && health == 200) {
                    healthyAfter = second - raisedAt;
                }
                if (firstOkAfter != null && healthyAfter != null && second - raisedAt >= 10) {
                    break;
                }
            } else if (phase.startsWith("limit") && second > 120) {
                System.out.println("No 503 within 2 minutes of the limit: H2 reused its file's free space throughout");
                break;
            }
        }
        volatileStop = true;
        pool.shutdown();
        pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        JsonNode books = json("http://127.0.0.1:" + server.port() + "/v1/reports/reconciliation", financeSecret);
        System.out.printf(Locale.ROOT, "%nLimit raised at %d s; first 2xx %s, health 200 %s (the same server process, "
                        + "never restarted); 500s in all: %d; books reconcile: %s%n", raisedAt,
                firstOkAfter == null ? "never" : firstOkAfter + " s later", healthyAfter == null ? "never" : healthyAfter + " s later",
                fiveHundreds.get(), books.path("ok").asText("(no answer)"));
        System.out.println("Server log lines naming the failure:");
        try (var lines = Files.lines(server.dir().resolve("server.log"))) {
            lines.filter(line -> line.contains("ERROR") || line.contains("WARN") && line.contains("outage"))
                    .limit(20).forEach(line -> System.out.println("  " + (line.length() > 240 ? line.substring(0, 240) : line)));
        }
        server.close();
        server.deleteFiles();
    }

    private volatile boolean volatileStop;

    private static void prlimit(long pid, String fsize) throws Exception {
        Process process = new ProcessBuilder("prlimit", "--pid", String.valueOf(pid), "--fsize=" + fsize)
                .inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("prlimit failed");
        }
    }

    private int post(String path, String secret, Object body, int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json").header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int status(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode json(String url) throws Exception {
        return json(url, null);
    }

    private JsonNode json(String url, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return JSON.readTree(client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
