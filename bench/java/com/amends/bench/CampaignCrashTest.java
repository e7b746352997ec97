package com.amends.bench;

import com.amends.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The crash test of background crediting: each round uploads a 2,500-row CSV batch, which the
 * worker credits in the background, while pollers read the campaign, a few recipients' wallets
 * and their {@code grant.issued} events without pausing. As soon as any of them shows a credit,
 * the server gets {@code kill -9} (at once, or a few milliseconds later) and is started again on
 * the same data. Everything the API showed before the kill must still be there: the campaign's
 * credited count never goes down, a wallet shown credited still holds the points, an event shown
 * or delivered to the webhook receiver is still in the feed. Then the batch must resume and end
 * with every recipient credited once. Usage:
 *
 * <pre>bench/crash.sh --campaign [--rounds N] [--recipients N] [--resume-wait SECONDS] [--postgres URL] [--h2-options ';...']</pre>
 */
public final class CampaignCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POINTS = 250;
    private static final String SETTINGS = """
            webhooks:
              allowPrivateAddresses: true
              workerInterval: 200 milliseconds
              timeout: 3 seconds
              claimLease: 10 seconds
            """;

    private final int rounds;
    private final int recipients;
    private final Duration resumeWait;
    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final ServerJar server;
    private final WebhookReceiver receiver = WebhookReceiver.start(null);
    private final List<Row> table = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private String admin;
    private String supervisor;
    private String agent;

    private CampaignCrashTest(int rounds, int recipients, Duration resumeWait, String postgres, String h2Options)
            throws IOException {
        this.rounds = rounds;
        this.recipients = recipients;
        this.resumeWait = resumeWait;
        this.server = new ServerJar("campaign-crash", postgres, h2Options, SETTINGS, List.of());
    }

    /** Called by {@link CrashTest} for {@code --campaign}. */
    static boolean run(String[] args) throws Exception {
        int rounds = 8;
        int recipients = 2_500;
        int resumeSeconds = 180;
        String postgres = null;
        String h2Options = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--campaign" -> { }
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--recipients" -> recipients = Integer.parseInt(args[++i]);
                case "--resume-wait" -> resumeSeconds = Integer.parseInt(args[++i]);
                case "--postgres" -> postgres = args[++i];
                case "--h2-options" -> h2Options = args[++i];
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + "; see bench/crash.sh");
            }
        }
        return new CampaignCrashTest(rounds, recipients, Duration.ofSeconds(resumeSeconds), postgres, h2Options).run();
    }

    /** What one round saw before the kill and found after the restart. */
    private record Row(int round, long delayMillis, long shownCredited, long creditedAfter, int walletsShown,
                       int walletsKept, int eventsShown, int eventsKept, int webhooksReceived, int webhooksKept,
                       double resumedSeconds, double doneSeconds) {
        boolean lost() {
            return creditedAfter < shownCredited || walletsKept < walletsShown || eventsKept < eventsShown
                    || webhooksKept < webhooksReceived;
        }
    }

    private boolean run() throws Exception {
        long doubled;
        try {
            admin = server.createAdminKey("campaign-crash-admin");
            server.start();
            Api api = new Api(server.port());
            supervisor = api.key(admin, "supervisor");
            agent = api.key(admin, "agent");
            receiver.secret(api.post("/v1/webhook-endpoints", admin, null, "application/json",
                    JSON.writeValueAsString(Map.of("url", receiver.url(), "description", "campaign crash receiver")))
                    .path("secret").asText());
            System.out.printf(Locale.ROOT, "Campaign crash test on %s, %d rounds of %d recipients; server log in %s%n",
                    server.describeDatabase(), rounds, recipients, server.dir().resolve("server.log"));
            for (int round = 1; round <= rounds; round++) {
                table.add(round(round));
            }
            server.stop();
            doubled = doubled();
        } finally {
            receiver.close();
            server.close();
        }
        boolean passed = problems.isEmpty() && doubled == 0 && table.stream().noneMatch(Row::lost);
        print(doubled, passed);
        if (passed) {
            server.deleteFiles();
        } else {
            problems.forEach(System.out::println);
            System.out.println("Server log and data kept in " + server.dir());
        }
        return passed;
    }

    private Row round(int round) throws Exception {
        Api api = new Api(server.port());
        String campaign = api.post("/v1/campaigns", supervisor, null, "application/json", JSON.writeValueAsString(Map.of(
                "name", "crash " + round, "incident_ref", "crash-" + tag + "-" + round, "reason_code", "PROACTIVE_APOLOGY",
                "agent_id", "lead-1", "reward", Map.of("points", POINTS)))).path("id").asText();
        StringBuilder csv = new StringBuilder("customer_id\n");
        for (int line = 1; line <= recipients; line++) {
            csv.append(customer(round, line)).append('\n');
        }
        // The first and last of the first chunk, the first and last of what follows it.
        List<String> watched = List.of(customer(round, 1), customer(round, Math.min(recipients, 2_000)),
                customer(round, Math.min(recipients, 2_001)), customer(round, recipients));
        long delay = round == 1 ? 0 : ThreadLocalRandom.current().nextLong(0, 51);

        Shown shown = new Shown();
        List<Thread> pollers = new ArrayList<>();
        pollers.add(poller(shown, () -> shown.credited(api.get("/v1/campaigns/" + campaign, supervisor)
                .path("counts").path("credited").asLong())));
        for (String customer : watched) {
            pollers.add(poller(shown, () -> {
                JsonNode wallet = api.get("/v1/customers/" + customer, agent);
                if (wallet.path("points").path("available").asLong() > 0) {
                    shown.wallets.add(customer);
                }
            }));
            pollers.add(poller(shown, () -> api.get("/v1/events?type=grant.issued&customer_id=" + customer, admin)
                    .path("data").forEach(event -> shown.events.add(event.path("id").asText()))));
        }
        int webhooksBefore = receiver.received().size();
        Thread killer = new Thread(() -> {
            try {
                shown.firstCredit.await();
                Thread.sleep(delay);
                server.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        api.post("/v1/campaigns/" + campaign + "/recipients", supervisor, "batch-" + tag + "-" + round, "text/csv",
                csv.toString());
        pollers.forEach(Thread::start);
        killer.join();
        shown.stop = true;
        for (Thread poller : pollers) {
            poller.join();
        }
        Set<String> webhooks = ConcurrentHashMap.newKeySet();
        receiver.received().subList(webhooksBefore, receiver.received().size()).forEach(r -> webhooks.add(r.webhookId()));

        server.start();
        long restarted = System.nanoTime();
        Api after = new Api(server.port());
        long creditedAfter = after.get("/v1/campaigns/" + campaign, supervisor).path("counts").path("credited").asLong();
        int walletsKept = 0;
        for (String customer : shown.wallets) {
            long points = after.getRaw("/v1/customers/" + customer, agent).path("points").path("available").asLong();
            walletsKept += points == POINTS ? 1 : 0;
        }
        int eventsKept = 0;
        for (String event : shown.events) {
            eventsKept += after.status("/v1/events/" + event, admin) == 200 ? 1 : 0;
        }
        int webhooksKept = 0;
        for (String event : webhooks) {
            webhooksKept += after.status("/v1/events/" + event, admin) == 200 ? 1 : 0;
        }
        double resumed = Double.NaN;
        double done = Double.NaN;
        long deadline = restarted + resumeWait.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode counts = after.get("/v1/campaigns/" + campaign, supervisor).path("counts");
            if (Double.isNaN(resumed) && counts.path("credited").asLong() > creditedAfter) {
                resumed = (System.nanoTime() - restarted) / 1e9;
            }
            if (counts.path("queued").asLong() == 0) {
                done = (System.nanoTime() - restarted) / 1e9;
                if (counts.path("credited").asLong() != recipients) {
                    problems.add("round " + round + ": ended with " + counts);
                }
                for (String customer : watched) {
                    long points = after.get("/v1/customers/" + customer, agent).path("points").path("available").asLong();
                    if (points != POINTS) {
                        problems.add("round " + round + ": " + customer + " holds " + points + " points");
                    }
                }
                break;
            }
            Thread.sleep(200);
        }
        Row row = new Row(round, delay, shown.maxCredited.get(), creditedAfter, shown.wallets.size(), walletsKept,
                shown.events.size(), eventsKept, webhooks.size(), webhooksKept, resumed, done);
        System.out.printf(Locale.ROOT, "round %d: killed %d ms after the first credit shown; credited shown %d, after "
                        + "the restart %d; wallets %d/%d, events %d/%d, webhooks %d/%d kept; resumed after %.1f s, done "
                        + "after %.1f s%s%n", round, delay, row.shownCredited, creditedAfter, walletsKept,
                shown.wallets.size(), eventsKept, shown.events.size(), webhooksKept, webhooks.size(), resumed, done,
                row.lost() ? "  LOST" : "");
        return row;
    }

    private String customer(int round, int line) {
        return "cc-" + tag + "-" + round + "-" + line;
    }

    /** What the pollers saw; the kill follows the first credit any of them shows. */
    private static final class Shown {
        final AtomicLong maxCredited = new AtomicLong();
        final Set<String> wallets = ConcurrentHashMap.newKeySet();
        final Set<String> events = ConcurrentHashMap.newKeySet();
        final CountDownLatch firstCredit = new CountDownLatch(1);
        volatile boolean stop;

        void credited(long credited) {
            maxCredited.accumulateAndGet(credited, Math::max);
        }

        boolean any() {
            return maxCredited.get() > 0 || !wallets.isEmpty() || !events.isEmpty();
        }
    }

    private interface Poll {
        void once() throws Exception;
    }

    private static Thread poller(Shown shown, Poll poll) {
        return new Thread(() -> {
            while (true) {
                try {
                    poll.once();
                } catch (Exception deadOrDying) {
                    // the server is gone: what was answered before is all it showed
                }
                if (shown.any()) {
                    shown.firstCredit.countDown();
                }
                if (shown.stop) {
                    return;
                }
            }
        });
    }

    /** Grants per (campaign, customer) above one, counted in the database with the server stopped. */
    private long doubled() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT COUNT(*) FROM (SELECT campaign_id, customer_id FROM grants WHERE campaign_id IS NOT NULL
                      GROUP BY campaign_id, customer_id HAVING COUNT(*) > 1) d""")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void print(long doubled, boolean passed) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Campaign crash test, %s, %d rounds, load average %s%n", server.describeDatabase(),
                rounds, loadAverage());
        System.out.println("| round | kill after first credit shown (ms) | credited shown | credited after restart "
                + "| wallets shown / kept | events shown / kept | webhooks received / in feed | resumed after (s) "
                + "| done after (s) | lost |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Row r : table) {
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d / %d | %d / %d | %d / %d | %.1f | %.1f | %s |%n",
                    r.round, r.delayMillis, r.shownCredited, r.creditedAfter, r.walletsShown, r.walletsKept,
                    r.eventsShown, r.eventsKept, r.webhooksReceived, r.webhooksKept, r.resumedSeconds, r.doneSeconds,
                    r.lost() ? "**yes**" : "no");
        }
        System.out.printf(Locale.ROOT, "Rounds with something lost: %d of %d; customers credited twice: %d; %s%n",
                table.stream().filter(Row::lost).count(), table.size(), doubled, passed ? "PASSED" : "FAILED");
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (IOException unavailable) {
            return "unknown";
        }
    }

    /** A thin JSON client; a failed answer throws, so that pollers only record what the server answered. */
    private static final class Api {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        private final String base;

        Api(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        String key(String admin, String role) throws Exception {
            return post("/v1/api-keys", admin, null, "application/json",
                    JSON.writeValueAsString(Map.of("name", "campaign-crash-" + role, "role", role))).path("secret").asText();
        }

        JsonNode post(String path, String secret, String idempotencyKey, String type, String body) throws Exception {
            HttpRequest.Builder request = request(path, secret).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            return ok(request);
        }

        JsonNode get(String path, String secret) throws Exception {
            return ok(request(path, secret).GET());
        }

        /** The body whatever the status: a wallet the restart lost answers 404 customer_not_found. */
        JsonNode getRaw(String path, String secret) throws Exception {
            return JSON.readTree(client.send(request(path, secret).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body());
        }

        int status(String path, String secret) throws Exception {
            return client.send(request(path, secret).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        private JsonNode ok(HttpRequest.Builder request) throws Exception {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        }

        private HttpRequest.Builder request(String path, String secret) {
            // Generous: a restarted server on a shared, loaded machine can take a while to answer.
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + secret);
        }
    }
}
