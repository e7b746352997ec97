package com.amends.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The crash test: the server jar on a database of its own, many clients granting, redeeming,
 * holding and reversing with Idempotency-Keys, and {@code kill -9} of the server at a random
 * moment, round after round. After each restart the clients retry, with the same key and body,
 * whatever got no answer; every answered request is sent once more and must replay its stored
 * answer; reconciliation must be clean and every wallet must hold what the clients' own record
 * of their answers says. At the end the server is stopped and the database itself is counted:
 * every effect of a 2xx answer exactly once, none of a refusal. A webhook receiver in this
 * process, registered for every event, must have received after each round every event of the
 * feed, and nothing else; every acknowledged request must have its events there (see
 * {@link DeliveryCheck}). Usage:
 *
 * <pre>bench/crash.sh [--postgres jdbc:postgresql://...] [--rounds N] [--clients N] [--h2-options ';...']</pre>
 *
 * <p>Other faults than the kill ({@link Fault}): {@code --fault database --database-control CMD
 * [--outage-seconds N]} stops the database with {@code CMD stop} for N seconds (0: a restart) and
 * starts it with {@code CMD start} while the server stays up; {@code --fault instance} runs two
 * instances on one PostgreSQL schema behind HAProxy and kills one. In both the clients keep
 * sending through the fault, retrying a refused request with the same key (after its
 * {@code Retry-After}, or at once after a balancer's error), and the table adds what they met.
 */
public final class CrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_LIMIT = Duration.ofMinutes(2);
    /** Short enough that a retry after a restart does not wait the production minute for a dead request's claim. */
    private static final String IDEMPOTENCY_LEASE = "5 seconds";
    /**
     * The delivery worker looks often; a killed server's claims run out after 10 s instead of the
     * production minute, for the same reason as the idempotency lease, and an attempt's timeout
     * must stay below the lease (a claim too close to its end is given back unsent).
     */
    private static final String WEBHOOKS = """
            webhooks:
              allowPrivateAddresses: true
              workerInterval: 200 milliseconds
              timeout: 3 seconds
              claimLease: 10 seconds
            """;
    /** How long after a round's retries settled every event must have been delivered. */
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);
    /** Longer than any run, so that no hold expires by itself and every one is closed by a client or stays open. */
    private static final int HOLD_TTL_SECONDS = 3_600;
    private static final int SHARED_CUSTOMERS = 4;
    private static final int CUSTOMERS_PER_CLIENT = 2;

    private final int rounds;
    private final int clientCount;
    private final String postgresUrl;
    private final String h2Options;
    private final String faultKind;
    private final int outageSeconds;
    private final String databaseControl;
    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger outageRefusals = new AtomicInteger();
    private final AtomicInteger balancerErrors = new AtomicInteger();
    private final AtomicInteger connectionErrors = new AtomicInteger();
    private final AtomicInteger inUseAnswers = new AtomicInteger();
    private final AtomicLong longestRetryMillis = new AtomicLong();
    private double slowestRecovery;
    private long mostLogged;
    private final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();
    private final List<Customer> customers = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    private ServerJar server;
    private ServerJar second;
    private Balancer balancer;
    private Fault fault;
    private DeliveryCheck webhooks;
    private Http http;
    private String agent;
    private String supervisor;
    private String storefront;
    private String finance;

    private CrashTest(int rounds, int clientCount, String postgresUrl, String h2Options, String faultKind,
                      int outageSeconds, String databaseControl) {
        this.rounds = rounds;
        this.clientCount = clientCount;
        this.postgresUrl = postgresUrl;
        this.h2Options = h2Options;
        this.faultKind = faultKind;
        this.outageSeconds = outageSeconds;
        this.databaseControl = databaseControl;
    }

    public static void main(String[] args) throws Exception {
        // Jetty drops idle connections after 30 s; a client keeping them longer may send on a closed one.
        System.setProperty("jdk.httpclient.keepalive.timeout", "5");
        // The receiver answers each delivery at once, not after Nagle's delay on its small answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        if (List.of(args).contains("--campaign")) {
            if (!CampaignCrashTest.run(args)) {
                System.exit(1);
            }
            return;
        }
        int rounds = 20;
        int clients = 16;
        String postgres = null;
        String h2Options = null;
        String fault = "kill";
        int outageSeconds = 0;
        String databaseControl = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--postgres" -> postgres = args[++i];
                case "--h2-options" -> h2Options = args[++i];
                case "--fault" -> fault = args[++i];
                case "--outage-seconds" -> outageSeconds = Integer.parseInt(args[++i]);
                case "--database-control" -> databaseControl = args[++i];
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + "; see bench/crash.sh");
            }
        }
        if (!fault.equals("kill") && postgres == null) {
            throw new IllegalArgumentException("--fault " + fault + " needs --postgres");
        }
        if (fault.equals("database") && databaseControl == null) {
            throw new IllegalArgumentException("--fault database needs --database-control");
        }
        if (!new CrashTest(rounds, clients, postgres, h2Options, fault, outageSeconds, databaseControl).run()) {
            System.exit(1);
        }
    }

    private boolean run() throws Exception {
        Tally total = new Tally();
        int survived = 0;
        int reconciled = 0;
        long negatives = 0;
        int walletRounds = 0;
        Verdict verdict;
        try {
            setUp();
            for (int round = 1; round <= rounds; round++) {
                RoundResult result = round(round);
                total.add(result.tally);
                survived += result.survived() ? 1 : 0;
                reconciled += result.reconciled ? 1 : 0;
                walletRounds += result.walletsMatch ? 1 : 0;
                negatives += result.negatives;
            }
            server.stop();
            verdict = verifyDatabase();
            negatives += verdict.negatives;
        } finally {
            if (webhooks != null) {
                webhooks.close();
            }
            if (balancer != null) {
                balancer.close();
            }
            if (second != null) {
                second.close();
            }
            if (server != null) {
                try {
                    server.close();
                } catch (IllegalStateException left) {
                    problems.add(left.getMessage());
                }
            }
        }
        Set<Op> lost = new LinkedHashSet<>(total.notReplayed.stream().filter(Op::ok).toList());
        lost.addAll(verdict.lost);
        DeliveryCheck.Figures delivery = webhooks.total();
        boolean passed = lost.isEmpty() && verdict.doubled.isEmpty() && verdict.phantom.isEmpty() && delivery.clean()
                && verdict.balanceMismatches == 0 && verdict.orphans == 0 && survived == rounds && reconciled == rounds
                && negatives == 0 && serverErrors.get() == 0 && total.notReplayed.isEmpty() && problems.isEmpty();
        printTable(total, survived, reconciled, walletRounds, negatives, lost, verdict, delivery, passed);
        if (passed) {
            server.deleteFiles();
        } else {
            System.out.println("Server log and data kept in " + server.dir());
        }
        return passed;
    }

    // ---- setting up ---------------------------------------------------------------------------

    private void setUp() throws Exception {
        server = new ServerJar("crash", postgresUrl, h2Options, "idempotencyLease: " + IDEMPOTENCY_LEASE + "\n" + WEBHOOKS,
                List.of());
        String admin = server.createAdminKey("crash-admin");
        server.start();
        fault = switch (faultKind) {
            case "kill" -> Fault.serverKill(server);
            case "database" -> Fault.databaseOutage(server, databaseControl, outageSeconds);
            case "instance" -> {
                second = server.sibling("crash-second");
                second.start();
                balancer = Balancer.start(server.dir(), List.of(server, second));
                yield Fault.instanceKill(server, balancer);
            }
            default -> throw new IllegalArgumentException("--fault kill, database or instance, not " + faultKind);
        };
        http = new Http(fault.port());
        agent = createKey(admin, "agent");
        supervisor = createKey(admin, "supervisor");
        storefront = createKey(admin, "storefront");
        finance = createKey(admin, "finance");
        // Before the seeds, so that every event of the run is owed to the receiver.
        webhooks = new DeliveryCheck(server.port(), admin);
        webhooks.register();
        System.out.printf(Locale.ROOT, "Crash test on %s, %d rounds, %d clients; server log in %s%n",
                server.describeDatabase(), rounds, clientCount, server.dir().resolve("server.log"));

        int count = SHARED_CUSTOMERS + clientCount * CUSTOMERS_PER_CLIENT;
        List<Op> seeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Customer customer = new Customer("cust-" + tag + "-" + i);
            customers.add(customer);
            // Enough to spend from the first request on; grants during the rounds top it up.
            seeds.addAll(List.of(grantPoints(customer, 20_000), grantVoucher(customer, 5_000),
                    grantVoucher(customer, 5_000)));
        }
        inParallel(seeds, this::seed);
        for (int i = 0; i < clientCount; i++) {
            clients.add(new Client(i));
        }
    }

    private String createKey(String admin, String role) throws Exception {
        Answer answer = http.post("/v1/api-keys", admin, null, json(Map.of("name", "crash-" + role, "role", role)));
        if (answer.status() != 201) {
            throw new IllegalStateException("Could not create a " + role + " key: " + answer.body());
        }
        return answer.json().path("secret").asText();
    }

    private void seed(Op op) throws Exception {
        op.last = settle(op);
        if (!op.ok()) {
            throw new IllegalStateException("Seeding failed: " + op.last.body());
        }
        op.customer.record(op);
    }

    // ---- a round --------------------------------------------------------------------------------

    private RoundResult round(int round) throws Exception {
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (Client client : clients) {
            client.stopped = false;
            client.unanswered = null;
            Thread thread = new Thread(() -> client.drive(round), "client-" + client.number);
            thread.start();
            threads.add(thread);
        }
        long killAfter = ThreadLocalRandom.current().nextLong(1_000, 4_001);
        Thread.sleep(killAfter);
        long logBefore = logBytes();
        double killedAt = (System.nanoTime() - start) / 1e9;
        fault.inject();
        double restartSeconds;
        if (fault.retriedInPlace()) {
            restartSeconds = untilServing();
            // The clients go on with the service back, long enough to wait out a Retry-After and retry.
            Thread.sleep(7_000);
            stop(threads);
            fault.recover();
        } else {
            stop(threads);
            long restart = System.nanoTime();
            fault.recover();
            restartSeconds = (System.nanoTime() - restart) / 1e9;
            http = new Http(fault.port());
        }
        long logged = logBytes() - logBefore;
        slowestRecovery = Math.max(slowestRecovery, restartSeconds);
        mostLogged = Math.max(mostLogged, logged);

        List<Op> unanswered = clients.stream().map(c -> c.unanswered).filter(o -> o != null).toList();
        List<Op> answered = ops.stream().filter(o -> o.round == round && o.first != null).toList();
        inParallel(unanswered, op -> {
            op.retried = true;
            op.last = settle(op);
        });
        for (Client client : clients) {
            if (client.unanswered != null) {
                client.answered(client.unanswered);
            }
        }
        List<Op> notReplayed = Collections.synchronizedList(new ArrayList<>());
        inParallel(answered, op -> {
            Answer again = settle(op);
            if (!again.replayed() || again.status() != op.first.status() || !again.body().equals(op.first.body())) {
                notReplayed.add(op);
                problems.add("round " + round + ": " + op + " answered " + op.first.status() + " before the kill but "
                        + (again.replayed() ? "replayed " + again.status() + " " + again.body()
                        : "ran again: " + again.status()));
            }
        });

        Tally tally = new Tally();
        tally.count(answered, unanswered, notReplayed);
        Reconciled books = reconcile(round);
        boolean walletsMatch = walletsMatch(round);
        DeliveryCheck.Figures delivery = webhooks.await(round, expectedEvents(), DELIVERY_WAIT, problems);
        RoundResult result = new RoundResult(tally, books.ok, books.negatives, walletsMatch, delivery.clean());
        System.out.printf(Locale.ROOT, "round %2d: fault at %.1f s; %d answered (%d 2xx), %d unanswered and retried "
                        + "(%d had committed); serving again after %.1f s, %,d bytes logged meanwhile; "
                        + "replays %s, reconciliation %s, wallets %s; "
                        + "webhooks: %d events, %s after %.1f s, %d received more than once%s%n",
                round, killedAt, answered.size(), tally.acknowledged, unanswered.size(), tally.committedBeforeKill,
                restartSeconds, logged, notReplayed.isEmpty() ? "ok" : notReplayed.size() + " NOT replayed",
                books.ok ? "clean" : "NOT clean", walletsMatch ? "match" : "DIFFER", delivery.written(),
                delivery.missing() == 0 ? "all delivered" : delivery.missing() + " MISSING", delivery.waitedSeconds(),
                delivery.duplicated(), delivery.clean() ? "" : " (NOT clean)");
        return result;
    }

    private void stop(List<Thread> threads) throws InterruptedException {
        for (Client client : clients) {
            client.stopped = true;
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private long logBytes() throws IOException {
        return server.logBytes() + (second != null ? second.logBytes() : 0);
    }

    /** Seconds until a request that needs the database is answered again. */
    private double untilServing() throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < RETRY_LIMIT.toNanos()) {
            try {
                if (http.get("/v1/customers/" + customers.get(0).id, finance).status() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // the balancer has no instance for it yet
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Whether an answer is final, counting what is not: a refusal that says "not now" (503 with
     * Retry-After, 409 idempotency_key_in_use), a balancer's own error, or a server error (a bug).
     */
    private boolean isFinal(Op op, Answer answer) {
        if (answer.inUse()) {
            inUseAnswers.incrementAndGet();
            if (answer.retryAfter() == null) {
                problems.add(op + ": 409 without Retry-After");
            }
            return false;
        }
        if (answer.status() < 500) {
            return true;
        }
        if (!answer.problem()) {
            balancerErrors.incrementAndGet();
        } else if (answer.status() == 503 && answer.body().contains("service_unavailable")) {
            outageRefusals.incrementAndGet();
            if (answer.retryAfter() == null) {
                problems.add(op + ": 503 without Retry-After");
            }
        } else {
            serverErrors.incrementAndGet();
            problems.add(op + ": " + answer.status() + " " + answer.body());
        }
        return false;
    }

    /** Sends again until the answer is final: not a connection failure, not "still running", not a server error. */
    private Answer settle(Op op) throws Exception {
        long deadline = System.nanoTime() + RETRY_LIMIT.toNanos();
        while (true) {
            try {
                Answer answer = http.post(op.path, op.secret, op.key, op.body);
                if (isFinal(op, answer)) {
                    return answer;
                }
            } catch (IOException notUpYet) {
                // The server is starting, or dropped the connection: the same request again.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(op + " got no final answer within " + RETRY_LIMIT);
            }
            Thread.sleep(250);
        }
    }

    private record Reconciled(boolean ok, long negatives) {}

    private Reconciled reconcile(int round) throws Exception {
        Answer answer = http.get("/v1/reports/reconciliation", finance);
        JsonNode report = answer.json();
        boolean ok = answer.status() == 200 && report.path("ok").asBoolean();
        if (!ok) {
            problems.add("round " + round + ": reconciliation " + answer.body());
        }
        return new Reconciled(ok, report.path("negative_balances").size());
    }

    /** Every wallet as the API shows it against what the clients' answers add up to. */
    private boolean walletsMatch(int round) throws Exception {
        Map<String, Long> expected = expectedBalances();
        boolean match = true;
        for (Customer customer : customers) {
            Answer answer = http.get("/v1/customers/" + customer.id, finance);
            JsonNode wallet = answer.json();
            long available = wallet.path("points").path("available").asLong();
            long held = wallet.path("points").path("held").asLong();
            long expectedHeld = ops.stream().filter(o -> o.kind == Kind.HOLD_POINTS && o.customer == customer && o.ok())
                    .mapToLong(o -> expected.getOrDefault(o.holdAccount(), 0L)).sum();
            if (answer.status() != 200 || available != expected.getOrDefault(customer.pointsAccount(), 0L)
                    || held != expectedHeld) {
                problems.add("round " + round + ": " + customer.id + " has " + available + " points available and "
                        + held + " held; the clients' record says " + expected.get(customer.pointsAccount()) + " and "
                        + expectedHeld);
                match = false;
            }
            Map<String, Long> listed = new HashMap<>();
            wallet.path("vouchers").forEach(v -> listed.put(v.path("id").asText(),
                    v.path("remaining").path("amount").asLong()));
            // The wallet lists at most 100 open vouchers; past that an unlisted one is judged at the end.
            boolean complete = listed.size() < 100;
            for (String voucher : customer.vouchers()) {
                long want = expected.getOrDefault("voucher:" + voucher, 0L);
                Long got = listed.get(voucher);
                if ((got != null && got != want) || (got == null && complete && want != 0)) {
                    problems.add("round " + round + ": voucher " + voucher + " has " + got
                            + " left; the clients' record says " + want);
                    match = false;
                }
            }
        }
        return match;
    }

    // ---- the end: the database itself -----------------------------------------------------------

    private record Verdict(Set<Op> lost, Set<String> doubled, Set<String> phantom, int balanceMismatches,
                           long negatives, long orphans, int effects) {}

    /**
     * Counts each request's effect in the tables, by the reference the request gave it (case,
     * order, reversal reason) or by its hold: exactly once for every 2xx answer, never for a
     * refusal, and no other. Then every wallet balance against the clients' record.
     */
    private Verdict verifyDatabase() throws SQLException {
        Map<String, Integer> expected = new HashMap<>();
        Map<String, Op> owner = new HashMap<>();
        for (Op op : ops) {
            for (String effect : op.effects()) {
                expected.merge(effect, 1, Integer::sum);
                owner.put(effect, op);
            }
        }
        Map<String, Integer> actual = new HashMap<>();
        Map<String, Long> balances = new HashMap<>();
        long negatives;
        long orphans;
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            count(statement, "grant ", "SELECT case_ref, COUNT(*) FROM grants GROUP BY case_ref", actual);
            count(statement, "redemption ",
                    "SELECT order_ref, COUNT(*) FROM redemptions WHERE hold_id IS NULL GROUP BY order_ref", actual);
            count(statement, "hold ", "SELECT order_ref, COUNT(*) FROM holds GROUP BY order_ref", actual);
            count(statement, "capture ",
                    "SELECT hold_id, COUNT(*) FROM redemptions WHERE hold_id IS NOT NULL GROUP BY hold_id", actual);
            // A hold is emptied by exactly one posting, of its capture or its release.
            count(statement, "close ", "SELECT SUBSTRING(account_id, 6), COUNT(*) FROM postings "
                    + "WHERE account_id LIKE 'hold:%' AND amount < 0 GROUP BY account_id", actual);
            count(statement, "reversal ", "SELECT reason, COUNT(*) FROM reversals GROUP BY reason", actual);
            try (ResultSet rows = statement.executeQuery("SELECT id, balance FROM accounts")) {
                while (rows.next()) {
                    balances.put(rows.getString(1), rows.getLong(2));
                }
            }
            negatives = single(statement, "SELECT COUNT(*) FROM accounts WHERE balance < 0")
                    + single(statement, "SELECT COUNT(*) FROM point_lots WHERE remaining < 0");
            // Reconciliation groups postings by entry, so it cannot see postings whose entry is gone:
            // what a transaction cut short by the kill would leave if the database kept part of it.
            orphans = single(statement, "SELECT COUNT(*) FROM postings p "
                    + "WHERE NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = p.entry_id)");
        }
        if (orphans > 0) {
            problems.add(orphans + " postings have no journal entry");
        }
        Set<Op> lost = new LinkedHashSet<>();
        Set<String> doubled = new LinkedHashSet<>();
        Set<String> phantom = new LinkedHashSet<>();
        Set<String> effects = new LinkedHashSet<>(expected.keySet());
        effects.addAll(actual.keySet());
        for (String effect : effects) {
            int want = expected.getOrDefault(effect, 0);
            int got = actual.getOrDefault(effect, 0);
            if (got < want) {
                lost.add(owner.get(effect));
                problems.add("lost: " + effect + " of " + owner.get(effect));
            } else if (got > want && want > 0) {
                doubled.add(effect);
                problems.add("doubled: " + effect + " is there " + got + " times");
            } else if (got > want) {
                phantom.add(effect);
                problems.add("effect without a 2xx answer: " + effect);
            }
        }
        Map<String, Long> want = expectedBalances();
        Set<String> accounts = new LinkedHashSet<>(want.keySet());
        accounts.addAll(balances.keySet());
        int mismatches = 0;
        for (String account : accounts) {
            long w = want.getOrDefault(account, 0L);
            long g = balances.getOrDefault(account, 0L);
            if (w != g) {
                mismatches++;
                problems.add("account " + account + " holds " + g + "; the clients' record says " + w);
            }
        }
        return new Verdict(lost, doubled, phantom, mismatches, negatives, orphans, expected.size());
    }

    private static void count(Statement statement, String prefix, String sql, Map<String, Integer> into)
            throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                into.merge(prefix + rows.getString(1), rows.getInt(2), Integer::sum);
            }
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The events the 2xx answers stand for, as {@code "type object-id"}, with how many of each. */
    private Map<String, Integer> expectedEvents() {
        Map<String, Integer> events = new HashMap<>();
        for (Op op : ops) {
            op.events().forEach(event -> events.merge(event, 1, Integer::sum));
        }
        return events;
    }

    /** What every wallet account should hold: the sum of the moves the 2xx answers stand for. */
    private Map<String, Long> expectedBalances() {
        Map<String, Long> balances = new HashMap<>();
        for (Op op : ops) {
            op.book(balances);
        }
        return balances;
    }

    // ---- the table ------------------------------------------------------------------------------

    private void printTable(Tally total, int survived, int reconciled, int walletRounds, long negatives, Set<Op> lost,
                            Verdict verdict, DeliveryCheck.Figures delivery, boolean passed) {
        System.out.println();
        synchronized (problems) {
            problems.stream().limit(20).forEach(p -> System.out.println("  " + p));
            if (problems.size() > 20) {
                System.out.println("  ... and " + (problems.size() - 20) + " more");
            }
        }
        System.out.printf(Locale.ROOT, "Crash test, %s, %d cores, Java %s%n", server.describeDatabase(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%d rounds of %d clients; fault: %s%n%n", rounds, clientCount, fault.describe());
        System.out.println("| | |");
        System.out.println("|---|---:|");
        row("rounds survived (restarted, retries settled, every check passed)", survived + " / " + rounds);
        row("requests acknowledged (2xx) in the rounds", total.acknowledged);
        row("requests refused (4xx, e.g. insufficient balance) in the rounds", total.refused);
        row("answers replayed unchanged after the round (same key, same body)",
                (total.answered - total.notReplayed.size()) + " / " + total.answered);
        row("requests without a final answer at the fault (a kill) or the round's end, retried with the same key",
                total.unanswered);
        row("  of which had committed before the fault (stored answer replayed)", total.committedBeforeKill);
        row("  of which ran on the retry", total.unanswered - total.committedBeforeKill);
        row("**lost** (2xx answer, effect missing or answer not replayed)", lost.size());
        row("**doubled** (effect present more than once)", verdict.doubled.size());
        row("effects without a 2xx answer", verdict.phantom.size());
        row("postings without their journal entry (part of a transaction cut short by a kill)", verdict.orphans);
        row("effects counted in the database (grants, redemptions, holds, captures, releases, reversals)",
                verdict.effects);
        row("wallet balances differing from the clients' record (API each round, database at the end)",
                (rounds - walletRounds) + " rounds, " + verdict.balanceMismatches + " accounts");
        row("reconciliation clean rounds", reconciled + " / " + rounds);
        row("negative balances seen", negatives);
        row("server errors (5xx other than 503 service_unavailable)", serverErrors.get());
        row("503 service_unavailable refusals (each with Retry-After, retried after it with the same key)",
                outageRefusals.get());
        row("balancer's own errors (502/503/504 of a request an instance died with; retried at once)",
                balancerErrors.get());
        row("requests that got no answer at all (connection refused or closed)", connectionErrors.get());
        row("409 idempotency_key_in_use answers", inUseAnswers.get());
        row("longest wait of a refused request for its final answer (retried in place)",
                String.format(Locale.ROOT, "%.1f s", longestRetryMillis.get() / 1000.0));
        row("slowest return to serving (restart, or first answer needing the database after the fault)",
                String.format(Locale.ROOT, "%.1f s", slowestRecovery));
        row("most server log written in one round's fault and recovery", String.format(Locale.ROOT, "%,d bytes",
                mostLogged));
        row("webhook events written (the events feed after the last round)", delivery.written());
        row("  delivered (received at least once, signature valid, body as in the feed)", delivery.delivered());
        row("  delivered more than once (same webhook-id; extra requests)",
                delivery.duplicated() + " (" + delivery.extraRequests() + ")");
        row("  **missing** after the wait (not received " + DELIVERY_WAIT.toSeconds() + " s after a round's retries)",
                delivery.missing());
        row("  **received without a committed change** (not in the events feed)", delivery.unknown());
        row("  acknowledged requests' events absent from the feed", delivery.changesWithoutEvent());
        row("  events in the feed beyond the acknowledged requests'", delivery.eventsWithoutChange());
        row("  events of background jobs", delivery.otherEvents());
        row("  signatures that did not verify; bodies differing from the feed",
                delivery.badSignatures() + "; " + delivery.bodiesDiffering());
        row("  slowest round: every event delivered this long after its retries settled",
                String.format(Locale.ROOT, "%.1f s", delivery.waitedSeconds()));
        System.out.println();
        System.out.println(passed ? "PASSED" : "FAILED");
    }

    private static void row(String label, Object value) {
        System.out.println("| " + label + " | " + value + " |");
    }

    // ---- what the clients do ------------------------------------------------------------------

    enum Kind {
        GRANT_POINTS, GRANT_VOUCHER, REDEEM_POINTS, REDEEM_VOUCHER, HOLD_POINTS, HOLD_VOUCHER, CAPTURE, RELEASE, REVERSE
    }

    private Op grantPoints(Customer customer, long points) {
        String ref = "ZD-" + tag + "-" + sequence.incrementAndGet();
        return add(new Op(Kind.GRANT_POINTS, "/v1/grants", agent, customer, ref, points, customer.pointsAccount(),
                Map.of("customer_id", customer.id, "agent_id", "agent-7", "reason_code", "SHIPPING_DELAY",
                        "case_ref", ref, "channel", "email", "points", points)));
    }

    private Op grantVoucher(Customer customer, long amount) {
        String ref = "ZD-" + tag + "-" + sequence.incrementAndGet();
        return add(new Op(Kind.GRANT_VOUCHER, "/v1/grants", supervisor, customer, ref, amount, null,
                Map.of("customer_id", customer.id, "agent_id", "lead-2", "reason_code", "DAMAGED_ITEM", "case_ref", ref,
                        "channel", "phone", "voucher", Map.of("type", "amount", "value", money(amount)))));
    }

    private Op redeemPoints(Customer customer, long points) {
        String ref = "order-" + tag + "-" + sequence.incrementAndGet();
        return add(new Op(Kind.REDEEM_POINTS, "/v1/customers/" + customer.id + "/points/redemptions", storefront,
                customer, ref, points, customer.pointsAccount(), Map.of("order_ref", ref, "points", points)));
    }

    private Op redeemVoucher(Customer customer, Voucher voucher, long amount) {
        String ref = "order-" + tag + "-" + sequence.incrementAndGet();
        return add(new Op(Kind.REDEEM_VOUCHER, "/v1/vouchers/" + voucher.code + "/redemptions", storefront,
                customer, ref, amount, voucher.account(), Map.of("order_ref", ref, "amount", money(amount))));
    }

    private Op holdPoints(Customer customer, long points) {
        String ref = "order-" + tag + "-" + sequence.incrementAndGet();
        return add(new Op(Kind.HOLD_POINTS, "/v1/holds", storefront, customer, ref, points, customer.pointsAccount(),
                Map.of("order_ref", ref, "customer_id", customer.id, "points", points,
                        "ttl_seconds", HOLD_TTL_SECONDS)));
    }

    private Op holdVoucher(Customer customer, Voucher voucher, long amount) {
        String ref = "order-" + tag + "-" + sequence.incrementAndGet();
        return add(new Op(Kind.HOLD_VOUCHER, "/v1/holds", storefront, customer, ref, amount, voucher.account(),
                Map.of("order_ref", ref, "voucher_code", voucher.code, "amount", money(amount),
                        "ttl_seconds", HOLD_TTL_SECONDS)));
    }

    private Op capture(Op hold, long amount) {
        Object body = hold.kind == Kind.HOLD_POINTS ? Map.of("points", amount) : Map.of("amount", money(amount));
        Op op = new Op(Kind.CAPTURE, "/v1/holds/" + hold.id() + "/capture", storefront, hold.customer, hold.id(),
                amount, hold.wallet, body);
        op.hold = hold;
        return add(op);
    }

    private Op release(Op hold) {
        Op op = new Op(Kind.RELEASE, "/v1/holds/" + hold.id() + "/release", storefront, hold.customer, hold.id(),
                hold.amount, hold.wallet, Map.of());
        op.hold = hold;
        return add(op);
    }

    private Op reverse(Customer customer, Redemption redemption, long amount) {
        String ref = "refund-" + tag + "-" + sequence.incrementAndGet();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(redemption.points ? "points" : "amount", redemption.points ? (Object) amount : money(amount));
        body.put("reason", ref);
        Op op = new Op(Kind.REVERSE, "/v1/redemptions/" + redemption.id + "/reversals", storefront, customer, ref,
                amount, redemption.wallet, body);
        op.redemption = redemption;
        return add(op);
    }

    private Op add(Op op) {
        ops.add(op);
        return op;
    }

    private static Map<String, Object> money(long amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }

    /**
     * One client: sends one request at a time, each with a key of its own, to its own customers
     * and now and then to a few shared ones (so that requests also queue on the same rows). A
     * hold is followed by its capture or release. The first request without an answer ends its
     * round; it is retried after the restart.
     */
    private final class Client {
        final int number;
        final List<Customer> own;
        volatile boolean stopped;
        Op unanswered;
        Op followUp;

        Client(int number) {
            this.number = number;
            this.own = customers.subList(SHARED_CUSTOMERS + number * CUSTOMERS_PER_CLIENT,
                    SHARED_CUSTOMERS + (number + 1) * CUSTOMERS_PER_CLIENT);
        }

        void drive(int round) {
            while (!stopped) {
                Op op = followUp != null ? followUp : next();
                followUp = null;
                op.round = round;
                Answer answer;
                try {
                    answer = http.post(op.path, op.secret, op.key, op.body);
                } catch (IOException | InterruptedException killed) {
                    connectionErrors.incrementAndGet();
                    answer = null;
                }
                if (answer == null || !isFinal(op, answer)) {
                    op.refusedAt = op.refusedAt != 0 ? op.refusedAt : System.nanoTime();
                    if (!fault.retriedInPlace() || !pause(answer)) {
                        unanswered = op;
                        return;
                    }
                    followUp = op;
                    continue;
                }
                if (op.refusedAt != 0) {
                    long waited = (System.nanoTime() - op.refusedAt) / 1_000_000;
                    longestRetryMillis.accumulateAndGet(waited, Math::max);
                }
                op.first = answer;
                op.last = answer;
                answered(op);
            }
        }

        /** Waits as the answer asks (Retry-After, at most 5 s) or briefly; false when the round stopped meanwhile. */
        private boolean pause(Answer answer) {
            long millis = answer != null && answer.retryAfter() != null
                    ? Math.min(5_000, 1_000 * Long.parseLong(answer.retryAfter())) : 100;
            long until = System.nanoTime() + millis * 1_000_000;
            try {
                while (!stopped && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !stopped;
        }

        /** Takes note of a final answer: what the customer now has, and a hold's next step. */
        void answered(Op op) {
            op.customer.record(op);
            if (op.ok() && (op.kind == Kind.HOLD_POINTS || op.kind == Kind.HOLD_VOUCHER)) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                followUp = random.nextInt(10) < 6 ? capture(op, random.nextLong(1, op.amount + 1)) : release(op);
            }
        }

        private Op next() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Customer customer = random.nextInt(5) == 0 ? customers.get(random.nextInt(SHARED_CUSTOMERS))
                    : own.get(random.nextInt(own.size()));
            int dice = random.nextInt(100);
            Voucher voucher = customer.anyVoucher();
            Redemption redemption = customer.anyReversible();
            long left = redemption == null ? 0 : redemption.left();
            if (dice < 15) {
                return grantPoints(customer, random.nextLong(100, 1_001));
            } else if (dice < 25 || (dice < 40 && voucher == null)) {
                return grantVoucher(customer, random.nextLong(1_000, 5_001));
            } else if (dice < 40) {
                return redeemVoucher(customer, voucher, random.nextLong(100, 1_501));
            } else if (dice < 50) {
                return holdPoints(customer, random.nextLong(50, 501));
            } else if (dice < 60 && voucher != null) {
                return holdVoucher(customer, voucher, random.nextLong(100, 1_501));
            } else if (dice < 80 && left > 0) {
                return reverse(customer, redemption, random.nextLong(1, left + 1));
            }
            return redeemPoints(customer, random.nextLong(50, 601));
        }
    }

    /** A customer and what the clients know they hold: vouchers, and redemptions that can still be reversed. */
    private static final class Customer {
        final String id;
        private final List<Voucher> vouchers = new ArrayList<>();
        private final List<Redemption> redemptions = new ArrayList<>();

        Customer(String id) {
            this.id = id;
        }

        String pointsAccount() {
            return "points:" + id;
        }

        synchronized void record(Op op) {
            if (!op.ok()) {
                return;
            }
            JsonNode answer = op.last.json();
            switch (op.kind) {
                case GRANT_VOUCHER -> vouchers.add(new Voucher(answer.path("voucher").path("id").asText(),
                        answer.path("voucher").path("code").asText()));
                case REDEEM_POINTS, REDEEM_VOUCHER -> redemptions.add(new Redemption(answer.path("id").asText(),
                        op.kind == Kind.REDEEM_POINTS, op.wallet, op.amount));
                case CAPTURE -> redemptions.add(new Redemption(answer.path("redemption_id").asText(),
                        op.hold.kind == Kind.HOLD_POINTS, op.wallet, op.amount));
                case REVERSE -> op.redemption.reversed.addAndGet(op.amount);
                default -> { }
            }
        }

        synchronized Voucher anyVoucher() {
            return vouchers.isEmpty() ? null : vouchers.get(ThreadLocalRandom.current().nextInt(vouchers.size()));
        }

        synchronized List<String> vouchers() {
            return vouchers.stream().map(Voucher::id).toList();
        }

        synchronized Redemption anyReversible() {
            List<Redemption> open = redemptions.stream().filter(r -> r.left() > 0).toList();
            return open.isEmpty() ? null : open.get(ThreadLocalRandom.current().nextInt(open.size()));
        }
    }

    private record Voucher(String id, String code) {
        String account() {
            return "voucher:" + id;
        }
    }

    private record Redemption(String id, boolean points, String wallet, long amount, AtomicLong reversed) {
        Redemption(String id, boolean points, String wallet, long amount) {
            this(id, points, wallet, amount, new AtomicLong());
        }

        long left() {
            return amount - reversed.get();
        }
    }

    /** One request: sent with the same key and body however often it is retried. */
    private static final class Op {
        final Kind kind;
        /** The round it was first sent in (0: seeding). */
        volatile int round;
        final String path;
        final String secret;
        final Customer customer;
        /** The case, order or reversal reference it gives its effect; for a capture or release, the hold's id. */
        final String ref;
        /** The points or minor units it moves (a capture: what it captures). */
        final long amount;
        /** The wallet account the value comes from or returns to (null for a voucher grant: the voucher is new). */
        final String wallet;
        /** A capture's or release's hold. */
        Op hold;
        /** A reversal's redemption. */
        Redemption redemption;
        final String body;
        final String key = UUID.randomUUID().toString();
        /** The answer to the first sending, if it got one before the kill. */
        volatile Answer first;
        /** The final answer, after retries. */
        volatile Answer last;
        volatile boolean retried;
        /** When a client was first refused it "not now", while retrying in place (0: never). */
        volatile long refusedAt;

        Op(Kind kind, String path, String secret, Customer customer, String ref, long amount, String wallet,
           Object body) {
            this.kind = kind;
            this.path = path;
            this.secret = secret;
            this.customer = customer;
            this.ref = ref;
            this.amount = amount;
            this.wallet = wallet;
            this.body = json(body);
        }

        boolean ok() {
            return last != null && last.status() / 100 == 2;
        }

        String id() {
            return last.json().path("id").asText();
        }

        String holdAccount() {
            return "hold:" + id();
        }

        /** The rows its 2xx answer stands for, as {@link #verifyDatabase} names them. */
        List<String> effects() {
            if (!ok()) {
                return List.of();
            }
            return switch (kind) {
                case GRANT_POINTS, GRANT_VOUCHER -> List.of("grant " + ref);
                case REDEEM_POINTS, REDEEM_VOUCHER -> List.of("redemption " + ref);
                case HOLD_POINTS, HOLD_VOUCHER -> List.of("hold " + ref);
                case CAPTURE -> List.of("capture " + ref, "close " + ref);
                case RELEASE -> List.of("close " + ref);
                case REVERSE -> List.of("reversal " + ref);
            };
        }

        /** The events its 2xx answer stands for, as {@code "type object-id"}, the object as the event shows it. */
        List<String> events() {
            if (!ok()) {
                return List.of();
            }
            return switch (kind) {
                case GRANT_POINTS, GRANT_VOUCHER -> List.of("grant." + last.json().path("status").asText() + " " + id());
                case REDEEM_POINTS -> List.of("points.redeemed " + id());
                case REDEEM_VOUCHER -> List.of("voucher.redeemed " + id());
                case HOLD_POINTS, HOLD_VOUCHER -> List.of("hold.created " + id());
                case CAPTURE -> List.of("hold.captured " + id(), (hold.kind == Kind.HOLD_POINTS ? "points" : "voucher")
                        + ".redeemed " + last.json().path("redemption_id").asText());
                case RELEASE -> List.of("hold.released " + id());
                // A reversal's event shows the redemption it gave value back from.
                case REVERSE -> List.of("redemption.reversed " + redemption.id());
            };
        }

        /** Adds the moves its 2xx answer stands for to the expected wallet balances. */
        void book(Map<String, Long> balances) {
            if (!ok()) {
                return;
            }
            switch (kind) {
                case GRANT_POINTS -> balances.merge(wallet, amount, Long::sum);
                case GRANT_VOUCHER -> balances.merge("voucher:" + last.json().path("voucher").path("id").asText(),
                        amount, Long::sum);
                case REDEEM_POINTS, REDEEM_VOUCHER -> balances.merge(wallet, -amount, Long::sum);
                case HOLD_POINTS, HOLD_VOUCHER -> {
                    balances.merge(wallet, -amount, Long::sum);
                    balances.merge(holdAccount(), amount, Long::sum);
                }
                case CAPTURE, RELEASE -> {
                    balances.merge(hold.holdAccount(), -hold.amount, Long::sum);
                    balances.merge(wallet, hold.amount - (kind == Kind.CAPTURE ? amount : 0), Long::sum);
                }
                case REVERSE -> balances.merge(wallet, amount, Long::sum);
            }
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(Locale.ROOT) + " " + ref + " (round " + round + ", key " + key + ")";
        }
    }

    private static final class Tally {
        int answered;
        int acknowledged;
        int refused;
        int unanswered;
        int committedBeforeKill;
        final List<Op> notReplayed = new ArrayList<>();

        void count(List<Op> answered, List<Op> unanswered, List<Op> notReplayed) {
            this.answered = answered.size();
            this.acknowledged = (int) answered.stream().filter(o -> o.first.status() / 100 == 2).count();
            this.refused = this.answered - acknowledged;
            this.unanswered = unanswered.size();
            this.committedBeforeKill = (int) unanswered.stream().filter(o -> o.last.replayed()).count();
            this.notReplayed.addAll(notReplayed);
        }

        void add(Tally other) {
            answered += other.answered;
            acknowledged += other.acknowledged;
            refused += other.refused;
            unanswered += other.unanswered;
            committedBeforeKill += other.committedBeforeKill;
            notReplayed.addAll(other.notReplayed);
        }
    }

    private record RoundResult(Tally tally, boolean reconciled, long negatives, boolean walletsMatch,
                               boolean delivered) {
        boolean survived() {
            return reconciled && negatives == 0 && walletsMatch && tally.notReplayed.isEmpty() && delivered;
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------------

    private record Answer(int status, String body, boolean replayed, boolean problem, String retryAfter) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }

        /** 409 idempotency_key_in_use: the first sending's claim is still leased; ask again shortly. */
        boolean inUse() {
            return status == 409 && body.contains("idempotency_key_in_use");
        }
    }

    /** A JDK HTTP client for one life of the server: connections to a killed server are not reused. */
    private static final class Http {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        private final String base;

        Http(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        Answer post(String path, String secret, String idempotencyKey, String body)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = request(path, secret).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            return send(request);
        }

        Answer get(String path, String secret) throws IOException, InterruptedException {
            return send(request(path, secret).GET());
        }

        private HttpRequest.Builder request(String path, String secret) {
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + secret);
        }

        private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Idempotent-Replayed").isPresent(),
                    response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    response.headers().firstValue("Retry-After").orElse(null));
        }
    }

    private interface Task<T> {
        void run(T item) throws Exception;
    }

    private <T> void inParallel(List<T> items, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, clientCount));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    task.run(item);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
