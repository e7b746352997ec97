package com.amends.bench;

import com.amends.bench.load.HttpTarget;
import com.amends.bench.load.Outcome;
import com.amends.bench.load.Profile;
import com.amends.bench.load.References;
import com.amends.bench.load.WalByRelation;
import com.amends.bench.load.WrkOutboxCost;
import com.amends.bench.load.Seeded;
import com.amends.bench.load.Seeding;
import com.amends.bench.load.Wrk;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The load benchmark ({@code bench/load.sh}). It starts the server jar on a fresh database (an H2
 * file with the shipped URL options, or a PostgreSQL schema of its own with --postgres), seeds it
 * through the API, and then, in one run:
 * <ol>
 *   <li>counts what each kind of request costs the database: statements (BEGIN and COMMIT
 *       included) and commits, from the server's own count ({@code countStatements}), and on
 *       PostgreSQL WAL records, read from the WAL itself (pg_walinspect); one client, requests one after the other,
 *       the audit chain sealed after each batch so that its cost is counted too;</li>
 *   <li>drives each scenario with wrk at the same concurrency: the HTTP ceiling ({@code GET
 *       /v1/me}), validate, redeem (points and vouchers, half each), hot (one customer's points and
 *       one voucher), grant;</li>
 *   <li>measures the database alone at that concurrency: TPC-B (pgbench on PostgreSQL, the same
 *       statements through JDBC on H2) and a bare ledger transfer;</li>
 * </ol>
 * and prints each scenario as a ratio to each reference. Usage: {@code bench/load.sh [--postgres URL]
 * [--clients 32] [--seconds 15] [--customers 500] [--warmup-min 180] [--warmup-max 360] [--profile] [--outbox] [--outbox-only] [--costs-only]}.
 */
public final class WrkBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COUNTED = 100;

    private String postgres;
    private int clients = 32;
    private Duration seconds = Duration.ofSeconds(15);
    private Duration warmUpMin = Duration.ofSeconds(180);
    private Duration warmUpMax = Duration.ofSeconds(360);
    private int customers = 500;
    private boolean profile;
    /** Also measures what the outbox costs redeem and grant: with a webhook endpoint off and on in turn. */
    private boolean outbox;
    /** Only what each request costs the database (statements, commits, WAL and where it goes): a minute, not half an hour. */
    private boolean costsOnly;
    /** Only the outbox's cost (with --outbox): no scenario table and no references, minutes less. */
    private boolean outboxOnly;
    private final Map<String, String> walProfiles = new LinkedHashMap<>();

    /**
     * The server's JIT compiles the request path as it runs; on two shared cores that took minutes,
     * not the 40 s once given to it: the compiler still used half a core after three minutes, and
     * GET /v1/me went from 1,600 to 8,000 a second meanwhile. So every path is driven in turn
     * for at least {@code --warmup-min} seconds (two rounds at 1,800 a second can still be
     * followed by the jump) and then until the HTTP ceiling stops rising (within 10 % of the round
     * before), at most {@code --warmup-max} seconds; each round's ceiling is printed.
     */
    private void warmUp(Wrk wrk) throws Exception {
        long start = System.nanoTime();
        long deadline = start + warmUpMax.toNanos();
        double previous = 0;
        for (int round = 1; ; round++) {
            wrk.run(Wrk.Scenario.REDEEM, clients, Duration.ofSeconds(10));
            wrk.run(Wrk.Scenario.GRANT, clients, Duration.ofSeconds(10));
            wrk.run(Wrk.Scenario.VALIDATE, clients, Duration.ofSeconds(5));
            double ceiling = wrk.run(Wrk.Scenario.ME, clients, Duration.ofSeconds(10)).throughput();
            System.out.printf(Locale.ROOT, "  warm-up round %d: GET /v1/me %,.0f/s%n", round, ceiling);
            boolean longEnough = System.nanoTime() - start >= warmUpMin.toNanos();
            if ((longEnough && previous > 0 && ceiling < previous * 1.1) || System.nanoTime() > deadline) {
                return;
            }
            previous = ceiling;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("liquibase.showSummaryOutput", "LOG");
        WrkBenchmark bench = new WrkBenchmark();
        Iterator<String> arg = List.of(args).iterator();
        while (arg.hasNext()) {
            switch (arg.next()) {
                case "--postgres" -> bench.postgres = arg.next();
                case "--clients" -> bench.clients = Integer.parseInt(arg.next());
                case "--seconds" -> bench.seconds = Duration.ofSeconds(Long.parseLong(arg.next()));
                case "--warmup-min" -> bench.warmUpMin = Duration.ofSeconds(Long.parseLong(arg.next()));
                case "--warmup-max" -> bench.warmUpMax = Duration.ofSeconds(Long.parseLong(arg.next()));
                case "--customers" -> bench.customers = Integer.parseInt(arg.next());
                case "--profile" -> bench.profile = true;
                case "--outbox" -> bench.outbox = true;
                case "--costs-only" -> bench.costsOnly = true;
                case "--outbox-only" -> {
                    bench.outbox = true;
                    bench.outboxOnly = true;
                }
                default -> throw new IllegalArgumentException("Unknown argument; see bench/load.sh");
            }
        }
        bench.run();
        System.exit(0);
    }

    /** Per request: statements, commits, and WAL records (NaN on H2). */
    private record Cost(double statements, double commits, double walRecords) {}

    private void run() throws Exception {
        Path work = Files.createTempDirectory("amends-wrk");
        Path recording = work.resolve("server.jfr");
        List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));
        if (profile && !outboxOnly) {
            jvm.add(Profile.recordingOption(recording));
        }
        if (outbox) {
            jvm.add("-Ddw.webhooks.allowPrivateAddresses=true"); // the receiver listens on this machine
        }
        ServerJar server = new ServerJar("wrk", postgres, null, "countStatements: true\n", jvm);
        boolean finished = false;
        try {
            System.out.println(machine());
            System.out.println("Server: java -Xmx256m -jar target/amends.jar on " + server.describeDatabase());
            if (postgres != null) {
                WalByRelation.install(postgres);
            }
            String admin = server.createAdminKey("wrk-admin");
            server.start();
            HttpTarget.Keys keys = keys(new HttpTarget(server.port(), new HttpTarget.Keys(admin, null, null, null)), admin);
            HttpTarget http = new HttpTarget(server.port(), keys);
            Seeded data = Seeding.seed(http, keys, customers);
            server.refreshStatistics();
            System.out.printf(Locale.ROOT, "Seeded %,d customers with points and a voucher each%n", customers);

            Map<String, Cost> costs = costs(server, http, data);
            System.out.println();
            System.out.println("What one request costs the database (" + COUNTED + " requests one after the other, "
                    + "the audit chain sealed after them; background jobs' own statements included):");
            System.out.println();
            System.out.println("| request | statements | commits | WAL records |");
            System.out.println("|---|---:|---:|---:|");
            costs.forEach((request, cost) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f | %s |%n", request,
                    cost.statements(), cost.commits(), wal(cost.walRecords())));
            walProfiles.forEach((request, table) -> System.out.printf(Locale.ROOT,
                    "%nWAL per %s by what it was written to (pg_walinspect, %d requests, the seal after them):%n%n%s",
                    request, COUNTED, table));

            if (costsOnly) {
                finished = true;
                return;
            }
            Wrk wrk = Wrk.prepare(work, server.port(), data, keys);
            FastReceiver receiver = outbox ? FastReceiver.start(16, 0) : null;
            String endpoint = outbox ? http.create("/v1/webhook-endpoints", keys.admin(), Map.of("url", receiver.url(),
                    "description", "load benchmark")).path("id").asText() : null;
            warmUp(wrk); // with the endpoint on, so that the delivery path is compiled too
            if (outbox) {
                http.patch("/v1/webhook-endpoints/" + endpoint, keys.admin(), Map.of("enabled", false));
            }
            Map<Wrk.Scenario, Wrk.Result> results = new LinkedHashMap<>();
            for (Wrk.Scenario scenario : outboxOnly ? List.<Wrk.Scenario>of() : List.of(Wrk.Scenario.values())) {
                Wrk.Result result = wrk.run(scenario, clients, seconds);
                results.put(scenario, result);
                System.out.printf(Locale.ROOT, "  measured %s: %,.0f/s%n", scenario, result.throughput());
            }
            String outboxCost = "";
            if (outbox) {
                outboxCost = WrkOutboxCost.measure(wrk, http, keys, endpoint, receiver::received, clients, seconds, 2,
                        profile && outboxOnly ? profileOf(server, work.resolve("outbox-on.jfr")) : WrkOutboxCost.NOTHING);
                receiver.close();
            }
            String memory = memory(server.adminPort());
            server.stop();
            if (outboxOnly) {
                System.out.println(outboxCost);
                finished = true;
                return;
            }

            System.out.printf(Locale.ROOT, "%nThe database alone, %d clients, %d s each:%n", clients, seconds.toSeconds());
            List<References.Result> references = postgres != null
                    ? References.postgres(postgres, clients, seconds, work)
                    : References.h2(work, server.h2Options(), clients, seconds);
            References.Result tpcb = references.get(0);
            References.Result transfer = references.get(1);
            System.out.println();
            System.out.println(table(results, costs, tpcb, transfer));
            System.out.println(outboxCost);
            System.out.println(memory);
            finished = true;
            if (profile && !outboxOnly) {
                System.out.println("Profile of the server over the whole run (JFR, " + recording + "):");
                System.out.println(Profile.summarise(recording, 15));
            }
        } finally {
            if (postgres != null) {
                WalByRelation.uninstall(postgres);
            }
            server.close();
            if (finished) {
                server.deleteFiles();
            } else {
                System.out.println("Server log kept in " + server.dir().resolve("server.log"));
            }
        }
    }

    private String table(Map<Wrk.Scenario, Wrk.Result> results, Map<String, Cost> costs, References.Result tpcb,
                         References.Result transfer) {
        double ceiling = results.get(Wrk.Scenario.ME).throughput();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%d connections, %d s per row, wrk -t2; references measured in the same run: HTTP ceiling (GET /v1/me) "
                        + "%,.0f/s, TPC-B %,.0f/s (WAL records per transaction %s), bare transfer %,.0f/s (%s)%n%n",
                clients, seconds.toSeconds(), ceiling, tpcb.throughput(), wal(tpcb.walRecords()), transfer.throughput(),
                wal(transfer.walRecords())));
        out.append("| scenario | req/s | p50 ms | p99 ms | not 2xx | of HTTP ceiling | of TPC-B | of bare transfer "
                + "| statements | commits | WAL records |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((scenario, r) -> {
            Cost cost = switch (scenario) {
                case REDEEM, HOT -> average(costs.get("points redemption"), costs.get("voucher redemption"));
                case GRANT -> costs.get("points grant");
                case VALIDATE -> costs.get("validate");
                case ME -> null;
            };
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %.1f | %.1f | %,d | %.2f | %.2f | %.2f | %s | %s | %s |%n",
                    scenario.name().toLowerCase(Locale.ROOT), r.throughput(), r.p50(), r.p99(), r.non2xx(),
                    r.throughput() / ceiling, r.throughput() / tpcb.throughput(), r.throughput() / transfer.throughput(),
                    cost == null ? "" : String.format(Locale.ROOT, "%.1f", cost.statements()),
                    cost == null ? "" : String.format(Locale.ROOT, "%.2f", cost.commits()),
                    cost == null ? "" : wal(cost.walRecords())));
            if (!r.errors().isEmpty()) {
                out.append("  ").append(scenario).append(": ").append(r.errors()).append('\n');
            }
        });
        return out.toString();
    }

    private static Cost average(Cost a, Cost b) {
        return new Cost((a.statements() + b.statements()) / 2, (a.commits() + b.commits()) / 2,
                (a.walRecords() + b.walRecords()) / 2);
    }

    private static String wal(double records) {
        return Double.isNaN(records) ? "n/a" : String.format(Locale.ROOT, "%.1f", records);
    }

    /**
     * Each kind of request, {@link #COUNTED} times one after the other, twice; on PostgreSQL the WAL
     * of the round that wrote less (it is the whole server's, background jobs included), with where
     * it went.
     */
    private Map<String, Cost> costs(ServerJar server, HttpTarget http, Seeded data) throws Exception {
        Map<String, Request> requests = new LinkedHashMap<>();
        requests.put("points redemption", i -> http.redeemPoints(data.customer(i % data.size()), 1));
        requests.put("voucher redemption", i -> http.redeemVoucher(data.code(i % data.size()), 1));
        requests.put("points grant", i -> http.grantPoints(data.customer(i % data.size()), "agent-" + i % 200, 10));
        requests.put("validate", i -> http.validate(data.code(i % data.size())));
        // Once each first, so that caches filled on first use are not counted.
        for (Request request : requests.values()) {
            request.send(0);
        }
        seal(server);
        Map<String, Cost> costs = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (Map.Entry<String, Request> request : requests.entrySet()) {
            Cost best = null;
            String bestProfile = null;
            for (int round = 0; round < 2; round++) {
                long[] before = counters(server);
                WalByRelation wal = postgres == null ? null : new WalByRelation(server.databaseUrl(), server.schema());
                if (wal != null) {
                    wal.start();
                }
                for (int i = 0; i < COUNTED; i++) {
                    Outcome outcome = request.getValue().send(random.nextInt(data.size()));
                    if (outcome != Outcome.OK) {
                        throw new IllegalStateException(request.getKey() + " refused: " + outcome);
                    }
                }
                seal(server);
                double walRecords = wal == null ? Double.NaN : wal.records() / (double) COUNTED;
                long[] after = counters(server);
                Cost cost = new Cost((after[0] - before[0]) / (double) COUNTED, (after[1] - before[1]) / (double) COUNTED,
                        walRecords);
                if (best == null || cost.walRecords() < best.walRecords()) {
                    best = cost;
                    bestProfile = wal == null ? null : wal.finish(COUNTED);
                }
            }
            costs.put(request.getKey(), best);
            if (bestProfile != null && !request.getKey().equals("validate")) {
                walProfiles.put(request.getKey(), bestProfile);
            }
        }
        return costs;
    }

    /** A JFR recording of the server over one phase, summarised when the phase ends. */
    private static WrkOutboxCost.Phase profileOf(ServerJar server, Path recording) {
        return new WrkOutboxCost.Phase() {
            @Override
            public void begin() throws Exception {
                server.startRecording("outbox-on");
            }

            @Override
            public void end() throws Exception {
                server.stopRecording("outbox-on", recording);
                System.out.println("Profile of the server while redeem ran with the endpoint on (JFR):");
                System.out.println(Profile.summarise(recording, 20));
            }
        };
    }

    private interface Request {
        Outcome send(int index) throws Exception;
    }

    private static void seal(ServerJar server) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.adminPort() + "/tasks/seal-audit"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("seal-audit answered " + answer.statusCode());
        }
    }

    private static long[] counters(ServerJar server) throws Exception {
        JsonNode counters = metrics(server.adminPort()).path("counters");
        return new long[] {counters.path("database.statements").path("count").asLong(),
                counters.path("database.commits").path("count").asLong()};
    }

    private static JsonNode metrics(int adminPort) throws Exception {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String memory(int adminPort) throws Exception {
        JsonNode gauges = metrics(adminPort).path("gauges");
        return String.format(Locale.ROOT, "Server heap at the end: %,d MiB used of %,d MiB",
                gauges.path("jvm.memory.heap.used").path("value").asLong() >> 20,
                gauges.path("jvm.memory.heap.max").path("value").asLong() >> 20);
    }

    private static HttpTarget.Keys keys(HttpTarget admin, String adminSecret) throws Exception {
        Map<String, String> secrets = new java.util.HashMap<>();
        for (String role : List.of("agent", "supervisor", "storefront")) {
            secrets.put(role, admin.create("/v1/api-keys", adminSecret, Map.of("name", "wrk-" + role, "role", role))
                    .path("secret").asText());
        }
        return new HttpTarget.Keys(adminSecret, secrets.get("agent"), secrets.get("supervisor"), secrets.get("storefront"));
    }

    private static String machine() throws Exception {
        String cpu = Files.lines(Path.of("/proc/cpuinfo")).filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "Machine: %d cores (%s), %,d GiB, %s %s, Java %s; wrk, pgbench and the "
                        + "database run on the same cores", Runtime.getRuntime().availableProcessors(), cpu, memory >> 30,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    }
}
