package com.amends.bench;

import com.amends.AmendsApplication;
import com.amends.AmendsConfiguration;
import com.amends.auth.Role;
import com.amends.bench.load.HttpTarget;
import com.amends.bench.load.InProcessTarget;
import com.amends.bench.load.Load;
import com.amends.bench.load.OutboxCost;
import com.amends.bench.load.Profile;
import com.amends.bench.load.Scenario;
import com.amends.bench.load.Seeded;
import com.amends.bench.load.Seeding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load benchmark. It starts the server jar on a fresh database (H2 file by default,
 * a PostgreSQL schema with --postgres), seeds it through the API and drives each scenario at
 * each concurrency for a fixed time. Beside every result it measures, in the same run:
 * <ul>
 *   <li>the HTTP ceiling: the same server's {@code GET /v1/me}, authenticated, reading no table;</li>
 *   <li>the database ceiling: the same endpoints' code called in-process, on a second fresh
 *       database of the same kind with the same settings, at the same concurrency.</li>
 * </ul>
 * Then it measures a customer's wallet and first ledger page with a short and a 100,000-entry
 * history. Usage: {@code bench/load.sh [--postgres URL] [--seconds 10] [--clients 8,32,128]
 * [--scenarios validate,redeem,hot,grant,mixed] [--history 100000] [--xmx 256m] [--server-option -D…] [--profile]
 * [--h2-options ';MODE=...'] [--webhook-endpoint [--rounds 2]]}. With {@code --webhook-endpoint} it measures
 * only what the outbox costs: redeem and grant (or {@code --scenarios}) without and with a webhook endpoint
 * for every type, on a receiver in this process ({@link OutboxCost}); no ceilings, no history.
 */
public final class LoadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private String postgres;
    private String h2Options;
    private Duration jitWarmUp = Duration.ofSeconds(30);
    private Duration warmUp = Duration.ofSeconds(3);
    private Duration measure = Duration.ofSeconds(10);
    private List<Integer> clientCounts = List.of(8, 32, 128);
    private List<Scenario> scenarios = Arrays.asList(Scenario.values());
    private int customers = 2_000;
    private int history = 100_000;
    private int historyClients = 8;
    private String heap = "256m";
    private boolean profile;
    /** Measures the outbox's cost instead: the scenarios without and with a webhook endpoint. */
    private boolean webhookEndpoint;
    private int rounds = 2;
    /** More JVM options for the server jar, e.g. {@code -Ddw.server.maxThreads=16} to try a setting. */
    private final List<String> serverOptions = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        // Jetty closes idle connections after 30 s; a client keeping them longer may send on a closed one.
        System.setProperty("jdk.httpclient.keepalive.timeout", "20");
        System.setProperty("jdk.httpclient.connectionPoolSize", "256");
        System.setProperty("liquibase.showSummaryOutput", "LOG");
        LoadBenchmark bench = new LoadBenchmark();
        Iterator<String> arg = List.of(args).iterator();
        while (arg.hasNext()) {
            switch (arg.next()) {
                case "--postgres" -> bench.postgres = arg.next();
                case "--h2-options" -> bench.h2Options = arg.next();
                case "--seconds" -> bench.measure = Duration.ofSeconds(Long.parseLong(arg.next()));
                case "--warmup" -> bench.warmUp = Duration.ofSeconds(Long.parseLong(arg.next()));
                case "--jit-warmup" -> bench.jitWarmUp = Duration.ofSeconds(Long.parseLong(arg.next()));
                case "--clients" -> bench.clientCounts = Arrays.stream(arg.next().split(",")).map(Integer::parseInt).toList();
                case "--scenarios" -> bench.scenarios = Arrays.stream(arg.next().split(",")).map(Scenario::of).toList();
                case "--customers" -> bench.customers = Integer.parseInt(arg.next());
                case "--history" -> bench.history = Integer.parseInt(arg.next());
                case "--xmx" -> bench.heap = arg.next();
                case "--server-option" -> bench.serverOptions.add(arg.next());
                case "--profile" -> bench.profile = true;
                case "--webhook-endpoint" -> bench.webhookEndpoint = true;
                case "--rounds" -> bench.rounds = Integer.parseInt(arg.next());
                default -> throw new IllegalArgumentException("Unknown argument; see bench/load.sh");
            }
        }
        bench.run();
        System.exit(0);
    }

    /** The growth table, and for each request how many times slower it is with the long history. */
    private record Growth(String table, Map<String, Double> slowerBy) {}

    private record Row(Scenario scenario, int clients, Load.Result api, Load.Result http, Load.Result db) {}

    private void run() throws Exception {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
        jvm.addAll(serverOptions);
        if (webhookEndpoint) {
            // The receiver is on 127.0.0.1, which the server refuses by default.
            jvm.add("-Ddw.webhooks.allowPrivateAddresses=true");
        }
        Path recording = Files.createTempDirectory("amends-profile").resolve("server.jfr");
        if (profile) {
            jvm.add(Profile.recordingOption(recording));
        }
        ServerJar server = new ServerJar("load", postgres, h2Options, "", jvm);
        ServerJar ceiling = new ServerJar("ceiling", postgres, h2Options, "", List.of());
        DropwizardTestSupport<AmendsConfiguration> inProcess = null;
        boolean finished = false;
        try {
            System.out.println(machine());
            System.out.printf(Locale.ROOT, "Server: java -Xmx%s %s-jar target/amends.jar on %s%n", heap,
                    serverOptions.isEmpty() ? "" : String.join(" ", serverOptions) + " ",
                    server.describeDatabase());
            String admin = server.createAdminKey("load-admin");
            server.start();
            HttpTarget.Keys keys = keys(new HttpTarget(server.port(), new HttpTarget.Keys(admin, null, null, null)), admin);
            HttpTarget http = new HttpTarget(server.port(), keys);
            long seeding = System.nanoTime();
            Seeded data = Seeding.seed(http, keys, customers);
            System.out.printf(Locale.ROOT, "Seeded %,d customers with points and a voucher each, in %.1f s%n", customers,
                    (System.nanoTime() - seeding) / 1e9);

            if (webhookEndpoint) {
                outboxCost(http, keys, data);
                finished = true;
                return;
            }

            // Quiet: the ceiling's requests are not logged, as the jar's go to its own log file.
            inProcess = new DropwizardTestSupport<>(AmendsApplication.class, ceiling.config().toString(),
                    ConfigOverride.config("logging.level", "WARN"));
            inProcess.before();
            AmendsApplication app = (AmendsApplication) inProcess.getApplication();
            HttpTarget.Keys ceilingKeys = new HttpTarget.Keys(app.keys().create("ceiling-admin", Role.ADMIN).secret(),
                    app.keys().create("ceiling-agent", Role.AGENT).secret(),
                    app.keys().create("ceiling-supervisor", Role.SUPERVISOR).secret(),
                    app.keys().create("ceiling-storefront", Role.STOREFRONT).secret());
            Seeded ceilingData = Seeding.seed(new HttpTarget(inProcess.getLocalPort(), ceilingKeys), ceilingKeys, customers);
            server.refreshStatistics();
            ceiling.refreshStatistics();
            InProcessTarget direct = new InProcessTarget(app, ceilingKeys);
            System.out.printf(Locale.ROOT, "Database ceiling: the endpoints' code in-process on %s%n%n",
                    ceiling.describeDatabase());

            // Both JVMs compile the request path as it runs; on two shared cores that takes tens of
            // seconds, and the first cells would measure the compiler instead.
            Load.run(32, Duration.ZERO, jitWarmUp, random -> Scenario.MIXED.send(http, data, random));
            Load.run(32, Duration.ZERO, jitWarmUp, random -> Scenario.MIXED.send(direct, ceilingData, random));
            Load.run(32, Duration.ZERO, jitWarmUp.dividedBy(3), random -> http.me());

            List<Row> rows = new ArrayList<>();
            for (int clients : clientCounts) {
                Load.Result httpCeiling = Load.run(clients, warmUp, measure, random -> http.me());
                for (Scenario scenario : scenarios) {
                    Load.Result api = Load.run(clients, warmUp, measure, random -> scenario.send(http, data, random));
                    Load.Result db = Load.run(clients, warmUp, measure, random -> scenario.send(direct, ceilingData, random));
                    Row row = new Row(scenario, clients, api, httpCeiling, db);
                    rows.add(row);
                    System.out.print("  measured " + tableRow(row));
                    api.errorSamples().forEach(e -> System.out.println("    error: " + e));
                    db.errorSamples().forEach(e -> System.out.println("    ceiling error: " + e));
                }
            }
            inProcess.after();
            inProcess = null;

            Growth growth = growth(http, keys, server);
            String memory = memory(server.adminPort());
            server.stop();

            System.out.println();
            System.out.println(table(rows));
            System.out.println(growth.table());
            System.out.println(memory);
            Path h2File = server.dir().resolve("data").resolve("amends.mv.db");
            if (Files.exists(h2File)) {
                System.out.printf(Locale.ROOT, "H2 file at the end: %,d MiB%n%n", Files.size(h2File) >> 20);
            }
            System.out.println(targets(rows, growth.slowerBy()));
            finished = true;
            if (profile) {
                System.out.println("Profile of the server over the whole run (JFR, " + recording + "):");
                System.out.println(Profile.summarise(recording, 15));
            }
        } finally {
            if (inProcess != null) {
                inProcess.after();
            }
            server.close();
            ceiling.close();
            if (finished) {
                server.deleteFiles();
                ceiling.deleteFiles();
            } else {
                System.out.println("Server log kept in " + server.dir().resolve("server.log"));
            }
        }
    }

    /** Redeem and grant (or the scenarios asked for) without and with an endpoint, on this server only. */
    private void outboxCost(HttpTarget http, HttpTarget.Keys keys, Seeded data) throws Exception {
        try (FastReceiver receiver = FastReceiver.start(16, 0)) {
            String endpoint = http.create("/v1/webhook-endpoints", keys.admin(), Map.of("url", receiver.url(),
                    "description", "load benchmark")).path("id").asText();
            List<Scenario> measured = scenarios.size() == Scenario.values().length
                    ? List.of(Scenario.REDEEM, Scenario.GRANT) : scenarios;
            // With the endpoint on, so that the delivery path is compiled too.
            Load.run(32, Duration.ZERO, jitWarmUp, random -> Scenario.MIXED.send(http, data, random));
            System.out.printf(Locale.ROOT, "Deliveries received while compiling: %,d%n", receiver.received());
            System.out.println(OutboxCost.measure(http, keys, data, endpoint, receiver::received, clientCounts,
                    measured, rounds, warmUp, measure));
        }
    }

    private static HttpTarget.Keys keys(HttpTarget admin, String adminSecret) throws Exception {
        Map<String, String> secrets = new java.util.HashMap<>();
        for (String role : List.of("agent", "supervisor", "storefront")) {
            secrets.put(role, admin.create("/v1/api-keys", adminSecret, Map.of("name", "load-" + role, "role", role))
                    .path("secret").asText());
        }
        return new HttpTarget.Keys(adminSecret, secrets.get("agent"), secrets.get("supervisor"), secrets.get("storefront"));
    }

    private String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Each cell: %d s measured after %d s of warm-up, closed loop, after %d s of mixed load to compile "
                        + "the request path; latencies in ms%n%n", measure.toSeconds(), warmUp.toSeconds(),
                jitWarmUp.toSeconds()));
        out.append("| scenario | clients | req/s | p50 | p99 | p99.9 | errors | refused | HTTP ceiling req/s | of HTTP ceiling "
                + "| DB ceiling req/s | DB ceiling p99 | of DB ceiling |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach(row -> out.append(tableRow(row)));
        return out.toString();
    }

    private static String tableRow(Row row) {
        return String.format(Locale.ROOT, "| %s | %d | %,.0f | %.2f | %.2f | %.2f | %,d | %,d | %,.0f | %.2f | %,.0f | %.2f | %.2f |%n",
                row.scenario.label(), row.clients, row.api.throughput(), row.api.millis(50), row.api.millis(99),
                row.api.millis(99.9), row.api.errors(), row.api.refused(), row.http.throughput(),
                row.api.throughput() / row.http.throughput(), row.db.throughput(), row.db.millis(99),
                row.api.throughput() / row.db.throughput());
    }

    /** A customer's wallet and first ledger page, with 10 entries in the history and with {@code history}. */
    private Growth growth(HttpTarget http, HttpTarget.Keys keys, ServerJar server) throws Exception {
        Map<String, Double> slowerBy = new java.util.LinkedHashMap<>();
        String run = Long.toString(System.nanoTime(), 36);
        String light = "light-" + run;
        String heavy = "heavy-" + run;
        Seeding.history(http, keys, light, 10);
        System.out.printf(Locale.ROOT, "Filling one customer's history with %,d entries through the API...%n", history);
        long started = System.nanoTime();
        Seeding.history(http, keys, heavy, history);
        double filled = (System.nanoTime() - started) / 1e9;
        server.refreshStatistics();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Cost growth: one customer with 10 journal entries, one with %,d (grants and redemptions, made "
                        + "through the API in %.0f s); %d clients, %d s each%n%n", history, filled, historyClients,
                measure.toSeconds()));
        out.append("| request | 10 entries: req/s | p50 | p99 | " + String.format(Locale.ROOT, "%,d", history)
                + " entries: req/s | p50 | p99 | slower by (req/s) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String request : List.of("wallet", "ledger page")) {
            Load.Result few = Load.run(historyClients, warmUp, measure,
                    random -> request.equals("wallet") ? http.wallet(light) : http.ledgerPage(light));
            Load.Result many = Load.run(historyClients, warmUp, measure,
                    random -> request.equals("wallet") ? http.wallet(heavy) : http.ledgerPage(heavy));
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %.2f | %,.0f | %.2f | %.2f | %.2fx |%n", request,
                    few.throughput(), few.millis(50), few.millis(99), many.throughput(), many.millis(50),
                    many.millis(99), few.throughput() / many.throughput()));
            slowerBy.put(request, few.throughput() / many.throughput());
        }
        return new Growth(out.toString(), slowerBy);
    }

    /** Heap and garbage collection of the server over the run, from its admin port's metrics. */
    private String memory(int adminPort) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode gauges = JSON.readTree(answer.body()).path("gauges");
        StringBuilder gc = new StringBuilder();
        gauges.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("jvm.gc.") && name.endsWith(".count")) {
                String collector = name.substring("jvm.gc.".length(), name.length() - ".count".length());
                gc.append(String.format(Locale.ROOT, "; %s: %,d collections, %.1f s", collector,
                        gauges.path(name).path("value").asLong(),
                        gauges.path("jvm.gc." + collector + ".time").path("value").asLong() / 1000.0));
            }
        });
        return String.format(Locale.ROOT, "Server memory: heap max %,d MiB, heap used at the end %,d MiB%s%n",
                gauges.path("jvm.memory.heap.max").path("value").asLong() >> 20,
                gauges.path("jvm.memory.heap.used").path("value").asLong() >> 20, gc);
    }

    /** The targets, read off this run. */
    private String targets(List<Row> rows, Map<String, Double> slowerBy) {
        StringBuilder out = new StringBuilder("Targets (2 cores, H2 embedded; on PostgreSQL the ratios):\n");
        for (Row row : rows) {
            if (row.clients != 32) {
                continue;
            }
            if (row.scenario == Scenario.REDEEM) {
                double ofDb = row.api.throughput() / row.db.throughput();
                out.append(check("redeem at 32 clients: >= 40 % of the DB ceiling", ofDb >= 0.4, "%.0f %%", ofDb * 100));
                out.append(check("redeem at 32 clients: >= 3,000 req/s", row.api.throughput() >= 3000, "%,.0f req/s",
                        row.api.throughput()));
                out.append(check("redeem at 32 clients: p99 < 20 ms", row.api.millis(99) < 20, "%.1f ms", row.api.millis(99)));
            }
            if (row.scenario == Scenario.VALIDATE) {
                double ofHttp = row.api.throughput() / row.http.throughput();
                out.append(check("validate at 32 clients: >= 50 % of the HTTP ceiling", ofHttp >= 0.5, "%.0f %%", ofHttp * 100));
                out.append(check("validate at 32 clients: p99 < 10 ms", row.api.millis(99) < 10, "%.1f ms", row.api.millis(99)));
            }
        }
        for (Row hot : rows) {
            if (hot.scenario != Scenario.HOT) {
                continue;
            }
            out.append(check("hot at " + hot.clients + " clients: no errors but insufficient_*", hot.api.errors() == 0,
                    "%.0f errors", (double) hot.api.errors()));
            rows.stream().filter(r -> r.scenario == Scenario.REDEEM && r.clients == hot.clients).findFirst()
                    .ifPresent(redeem -> {
                        double slower = redeem.api.throughput() / hot.api.throughput();
                        out.append(check("hot at " + hot.clients + " clients: within 5x of redeem", slower <= 5,
                                "%.1fx", slower));
                    });
        }
        slowerBy.forEach((request, ratio) -> out.append(check(request + " with " + history
                + " entries within 1.5x of 10 entries", ratio <= 1.5, "%.2fx", ratio)));
        out.append("  memory: every number above is the server at -Xmx").append(heap).append('\n');
        return out.toString();
    }

    private static String check(String target, boolean met, String format, double value) {
        return String.format(Locale.ROOT, "  %-62s %-12s %s%n", target, String.format(Locale.ROOT, format, value),
                met ? "met" : "NOT MET");
    }

    private static String machine() throws Exception {
        String cpu = Files.lines(Path.of("/proc/cpuinfo")).filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "Machine: %d cores (%s), %,d GiB, %s %s, Java %s; the load generator runs on "
                        + "the same cores", Runtime.getRuntime().availableProcessors(), cpu, memory >> 30,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    }
}
