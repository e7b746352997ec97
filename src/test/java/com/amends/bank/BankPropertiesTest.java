package com.amends.bank;

import static com.amends.testing.Bodies.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.bank.Operation.Capture;
import com.amends.bank.Operation.GrantPoints;
import com.amends.bank.Operation.GrantVoucher;
import com.amends.bank.Operation.HoldPoints;
import com.amends.bank.Operation.HoldVoucher;
import com.amends.bank.Operation.MoveClock;
import com.amends.bank.Operation.ReadVoucher;
import com.amends.bank.Operation.ReadWallet;
import com.amends.bank.Operation.RedeemPoints;
import com.amends.bank.Operation.RedeemVoucher;
import com.amends.bank.Operation.Release;
import com.amends.bank.Operation.Reverse;
import com.amends.bank.Operation.Revoke;
import com.amends.testing.Api;
import com.amends.testing.Books;
import com.amends.testing.Concurrently;
import com.amends.testing.Reply;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.statistics.Statistics;

/**
 * The bank test: random runs of grants, redemptions, holds, captures, releases, reversals,
 * revocations and time passing with expiry, spread over concurrent threads. After each run the
 * books must hold: postings sum to zero per unit, each stored balance is the sum of its
 * postings, no balance was ever read below zero, and the wallet agrees with the ledger. Every
 * answer must be a success or a refusal the operation may meet; a 5xx fails the run.
 *
 * <p>Each database gets a server of its own, because runs move its clock; runs share it and
 * keep apart by using customers of their own.
 */
// jqwik runs this class, so the tag is jqwik's own; the platform filters on it all the same.
@Tag("property")
class BankPropertiesTest {
    /** Two customers per run: few enough that the threads of a run compete for the same balances. */
    private static final int CUSTOMERS_PER_RUN = 2;
    private static final Map<String, TestServer> SERVERS = new ConcurrentHashMap<>();
    private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();

    /**
     * One generated run: an opening of grants and spends made one after another, so that the
     * lanes find holds and redemptions to act on, then lanes of operations on threads of their own.
     */
    record Run(List<Operation> opening, List<List<Operation>> lanes) {
        int size() {
            return opening.size() + lanes.stream().mapToInt(List::size).sum();
        }
    }

    @Property(tries = 200)
    void shouldKeepTheBooks_ThroughConcurrentRandomRuns_OnH2(@ForAll("runs") Run run) {
        bank(run, server("h2"));
    }

    @Property(tries = 200)
    @AddLifecycleHook(PostgresConfigured.class)
    void shouldKeepTheBooks_ThroughConcurrentRandomRuns_OnPostgres(@ForAll("runs") Run run) {
        bank(run, server("postgres"));
    }

    /** Runs on PostgreSQL only where AMENDS_TEST_POSTGRES_URL names one, as the rest of the suite does. */
    static class PostgresConfigured implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return TestDatabase.postgresConfigured() ? SkipResult.doNotSkip()
                    : SkipResult.skip(TestDatabase.POSTGRES_URL_VARIABLE + " is not set");
        }
    }

    @AfterContainer
    static void closeServersAndReport() {
        SERVERS.values().forEach(TestServer::close);
        TALLIES.forEach((database, tally) -> System.out.println("Bank test on " + database + ": " + tally));
    }

    private static TestServer server(String database) {
        return SERVERS.computeIfAbsent(database, kind -> new TestServer(
                kind.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres()).start());
    }

    // ---- one run ------------------------------------------------------------------------------

    private static void bank(Run run, TestServer server) {
        long started = System.nanoTime();
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS_PER_RUN; i++) {
            customers.add(newCustomer());
        }
        Teller teller = new Teller(server, customers);
        run.opening().forEach(teller::perform);
        Concurrently.run(run.lanes().size(), lane -> {
            run.lanes().get(lane).forEach(teller::perform);
            return lane;
        });

        assertThat(teller.unexpected()).as("answers that are neither a success nor an expected refusal").isEmpty();
        assertThat(teller.readings().stream().filter(reading -> reading.value() < 0).toList())
                .as("balances read below zero during the run").isEmpty();
        // What is past its time leaves the wallet when expiry runs; run it so the wallet and the books meet.
        Reply expiry = teller.runExpiry();
        assertThat(expiry.status()).as("expiry answered %s", expiry.text()).isEqualTo(200);
        Books.assertReconciled(server);
        assertEveryUnitSumsToZero(server);
        Map<String, Long> redeemedByAnswers = netRedeemedByCustomerAndUnit(server, teller);
        for (String customer : customers) {
            assertWalletAgreesWithLedger(server, teller, customer, redeemedByAnswers);
        }

        teller.outcomes().forEach(outcome -> Statistics.label("outcome").collect(outcome));
        TALLIES.computeIfAbsent(server.databaseKind(), k -> new Tally())
                .add(run.size(), teller.outcomes(), System.nanoTime() - started);
    }

    /** Invariant 1 across the whole journal: everything posted sums to zero in each unit. */
    private static void assertEveryUnitSumsToZero(TestServer server) {
        Map<String, Long> totals = server.jdbi().withHandle(h -> h.createQuery(
                        "SELECT unit, SUM(amount) AS total FROM postings GROUP BY unit")
                .map((rs, ctx) -> Map.entry(rs.getString("unit"), rs.getLong("total")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(totals).as("sum of all postings per unit").isNotEmpty().allSatisfy((unit, total) ->
                assertThat(total).as("sum of all %s postings", unit).isZero());
    }

    /** What the redemptions say is still spent (spent less reversed), by "customer unit". */
    private static Map<String, Long> netRedeemedByCustomerAndUnit(TestServer server, Teller teller) {
        Api finance = server.as(Role.FINANCE);
        Map<String, Long> net = new HashMap<>();
        for (String id : teller.redemptions()) {
            JsonNode redemption = finance.get("/v1/redemptions/" + id).expect(200);
            boolean points = redemption.path("kind").asText().equals("points");
            long left = points
                    ? redemption.path("points").asLong() - redemption.path("points_reversed").asLong()
                    : redemption.path("amount").path("amount").asLong()
                            - redemption.path("amount_reversed").path("amount").asLong();
            String unit = points ? "points" : redemption.path("amount").path("currency").asText();
            net.merge(redemption.path("customer_id").asText() + " " + unit, left, Long::sum);
        }
        return net;
    }

    private record Account(String id, String kind, String unit, long balance) {}

    /**
     * The customer's wallet, their ledger (as the API shows it) and their stored balances tell
     * one story: each entry balances; each stored balance is the sum of its postings and was
     * reached by them; the wallet shows those balances; and the ledger holds what the answers
     * said was granted and redeemed.
     */
    private static void assertWalletAgreesWithLedger(TestServer server, Teller teller, String customer,
                                                     Map<String, Long> redeemedByAnswers) {
        JsonNode wallet = server.as(Role.AGENT).get("/v1/customers/" + customer).expect(200);
        Map<String, Account> accounts = accountsOf(server, customer).stream()
                .collect(Collectors.toMap(Account::id, a -> a));

        Map<String, Long> posted = new HashMap<>();
        Map<String, List<long[]>> trails = new HashMap<>();
        Map<String, Long> issued = new HashMap<>();
        Map<String, Long> redeemed = new HashMap<>();
        for (JsonNode entry : ledgerOf(server, customer)) {
            Map<String, Long> perUnit = new HashMap<>();
            for (JsonNode posting : entry.path("postings")) {
                String account = posting.path("account").asText();
                String unit = posting.path("unit").asText();
                long amount = posting.path("amount").asLong();
                perUnit.merge(unit, amount, Long::sum);
                posted.merge(account, amount, Long::sum);
                if (posting.hasNonNull("balance_after")) {
                    trails.computeIfAbsent(account, a -> new ArrayList<>())
                            .add(new long[] {amount, posting.path("balance_after").asLong()});
                    if (entry.path("kind").asText().equals("grant_issued")) {
                        issued.merge(unit, amount, Long::sum);
                    }
                }
                if (account.equals("redeemed")) {
                    redeemed.merge(unit, amount, Long::sum);
                }
            }
            assertThat(perUnit.values()).as("entry %s balances per unit", entry).allMatch(sum -> sum == 0);
        }

        assertThat(accounts.keySet()).as("wallet accounts posted to in %s's ledger", customer)
                .containsAll(trails.keySet());
        for (Account account : accounts.values()) {
            assertThat(account.balance()).as("stored balance of %s", account.id())
                    .isEqualTo(posted.getOrDefault(account.id(), 0L)).isNotNegative();
            assertTrailReplays(account, trails.getOrDefault(account.id(), List.of()));
        }

        JsonNode points = wallet.path("points");
        assertThat(points.path("available").asLong()).as("points available")
                .isEqualTo(balance(accounts, "points:" + customer));
        assertThat(points.path("held").asLong()).as("points held")
                .isEqualTo(accounts.values().stream().filter(a -> a.kind().equals("hold") && a.unit().equals("points"))
                        .mapToLong(Account::balance).sum());
        assertThat(points.path("expiring_soon").asLong()).isBetween(0L, points.path("available").asLong());
        Map<String, Long> shown = new TreeMap<>();
        wallet.path("vouchers").forEach(v -> shown.put("voucher:" + v.path("id").asText(),
                v.path("remaining").path("amount").asLong()));
        Map<String, Long> spendable = new TreeMap<>();
        accounts.values().stream().filter(a -> a.kind().equals("voucher") && a.balance() > 0)
                .forEach(a -> spendable.put(a.id(), a.balance()));
        assertThat(shown).as("vouchers in the wallet").isEqualTo(spendable);

        JsonNode goodwill = wallet.path("goodwill");
        long voucherValue = 0;
        for (JsonNode value : goodwill.path("voucher_value")) {
            voucherValue += value.path("currency").asText().equals("EUR") ? value.path("amount").asLong() : 0;
        }
        assertThat(goodwill.path("grants").asLong()).as("grants").isEqualTo(teller.granted(customer, "grants"));
        assertThat(goodwill.path("points").asLong()).as("points granted (wallet)")
                .isEqualTo(issued.getOrDefault("points", 0L)).isEqualTo(teller.granted(customer, "points"));
        assertThat(voucherValue).as("voucher value granted (wallet)")
                .isEqualTo(issued.getOrDefault("EUR", 0L)).isEqualTo(teller.granted(customer, "EUR"));
        for (String unit : List.of("points", "EUR")) {
            assertThat(redeemed.getOrDefault(unit, 0L)).as("%s redeemed and not reversed", unit)
                    .isEqualTo(redeemedByAnswers.getOrDefault(customer + " " + unit, 0L));
        }
    }

    /**
     * The balance after each posting must replay from zero to the stored balance in some order
     * (the order the account's row lock let them in): every step starts where another ended.
     */
    private static void assertTrailReplays(Account account, List<long[]> trail) {
        Map<Long, Integer> unmatched = new HashMap<>();
        unmatched.merge(0L, 1, Integer::sum);
        unmatched.merge(account.balance(), -1, Integer::sum);
        for (long[] posting : trail) {
            long after = posting[1];
            assertThat(after).as("a balance after in %s", account.id()).isNotNegative();
            unmatched.merge(after - posting[0], -1, Integer::sum);
            unmatched.merge(after, 1, Integer::sum);
        }
        unmatched.values().removeIf(count -> count == 0);
        assertThat(unmatched).as("balances of %s that no posting leads to or leaves", account.id()).isEmpty();
    }

    private static long balance(Map<String, Account> accounts, String id) {
        Account account = accounts.get(id);
        return account == null ? 0 : account.balance();
    }

    private static List<Account> accountsOf(TestServer server, String customer) {
        return server.jdbi().withHandle(h -> h.createQuery(
                        "SELECT id, kind, unit, balance FROM accounts WHERE customer_id = :customer")
                .bind("customer", customer)
                .map((rs, ctx) -> new Account(rs.getString("id"), rs.getString("kind"), rs.getString("unit"),
                        rs.getLong("balance")))
                .list());
    }

    private static List<JsonNode> ledgerOf(TestServer server, String customer) {
        Api finance = server.as(Role.FINANCE);
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = finance.get("/v1/customers/" + customer + "/ledger?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))).expect(200);
            page.path("data").forEach(entries::add);
            cursor = page.hasNonNull("next_cursor") ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return entries;
    }

    // ---- generating runs ----------------------------------------------------------------------

    @Provide
    Arbitrary<Run> runs() {
        // Every customer starts with points and a voucher, so that no lane waits for something to spend.
        List<Arbitrary<Operation>> firstGrants = new ArrayList<>();
        for (int customer = 0; customer < CUSTOMERS_PER_RUN; customer++) {
            firstGrants.add(grantPoints(Arbitraries.just(customer)));
            firstGrants.add(grantVoucher(Arbitraries.just(customer)));
        }
        Arbitrary<List<Operation>> grants = Combinators.combine(firstGrants).as(List::copyOf);
        Arbitrary<List<Operation>> spends = Arbitraries.oneOf(redeemPoints(), redeemVoucher(), holdPoints(), holdVoucher())
                .list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<List<Operation>>> lanes = operation().list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(2)
                .ofMaxSize(4);
        return Combinators.combine(grants, spends, lanes).as((granted, spent, threads) -> {
            List<Operation> opening = new ArrayList<>(granted);
            opening.addAll(spent);
            return new Run(opening, threads);
        });
    }

    /** Any operation, weighted so that spending and undoing it come up more than granting. */
    private static Arbitrary<Operation> operation() {
        Arbitrary<Integer> pick = pick();
        Arbitrary<Long> part = spend(3_000).injectNull(0.4);
        Arbitrary<Duration> step = Arbitraries.of(Duration.ofMinutes(1), Duration.ofMinutes(20), Duration.ofHours(2),
                Duration.ofDays(2), Duration.ofDays(10));
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(2, grantPoints(customer())),
                Tuple.of(2, grantVoucher(customer())),
                Tuple.of(3, redeemPoints()),
                Tuple.of(3, redeemVoucher()),
                Tuple.of(2, holdPoints()),
                Tuple.of(2, holdVoucher()),
                Tuple.of(4, Combinators.combine(pick, part).<Operation>as(Capture::new)),
                Tuple.of(2, pick.<Operation>map(Release::new)),
                Tuple.of(4, Combinators.combine(pick, part).<Operation>as(Reverse::new)),
                Tuple.of(1, pick.<Operation>map(Revoke::new)),
                Tuple.of(2, step.<Operation>map(MoveClock::new)),
                Tuple.of(2, customer().<Operation>map(ReadWallet::new)),
                Tuple.of(1, pick.<Operation>map(ReadVoucher::new))));
    }

    private static Arbitrary<Operation> redeemPoints() {
        return Combinators.combine(customer(), spend(1_500)).<Operation>as(RedeemPoints::new);
    }

    private static Arbitrary<Operation> redeemVoucher() {
        return Combinators.combine(pick(), spend(6_000)).<Operation>as(RedeemVoucher::new);
    }

    private static Arbitrary<Operation> holdPoints() {
        return Combinators.combine(customer(), spend(1_500), ttlSeconds()).<Operation>as(HoldPoints::new);
    }

    private static Arbitrary<Operation> holdVoucher() {
        return Combinators.combine(pick(), spend(6_000), ttlSeconds()).<Operation>as(HoldVoucher::new);
    }

    private static Arbitrary<Operation> grantPoints(Arbitrary<Integer> customer) {
        return Combinators.combine(customer, Arbitraries.longs().between(1, 1_000), validity())
                .<Operation>as(GrantPoints::new);
    }

    private static Arbitrary<Operation> grantVoucher(Arbitrary<Integer> customer) {
        return Combinators.combine(customer, Arbitraries.longs().between(1, 5_000), validity())
                .<Operation>as(GrantVoucher::new);
    }

    /** Mostly amounts a grant can cover, often more than any could: runs overdraw. */
    private static Arbitrary<Long> spend(long most) {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, most / 5), Arbitraries.longs().between(1, most));
    }

    /** Which of what the run has made so far; past the number made, it wraps around. */
    private static Arbitrary<Integer> pick() {
        return Arbitraries.integers().between(0, 9);
    }

    /** As short as allowed, the default, and longer than most runs' clock steps. */
    private static Arbitrary<Integer> ttlSeconds() {
        return Arbitraries.of(30, 900, 86_400);
    }

    private static Arbitrary<Integer> customer() {
        return Arbitraries.integers().between(0, CUSTOMERS_PER_RUN - 1);
    }

    /** From shorter than some clock steps to longer than many runs' worth of them. */
    private static Arbitrary<Duration> validity() {
        return Arbitraries.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(90));
    }

    /** The figures of a property's runs on one database, printed when the class is done. */
    private static final class Tally {
        private long runs;
        private long operations;
        private long nanos;
        private final Map<String, Long> outcomes = new TreeMap<>();

        synchronized void add(int size, List<String> runOutcomes, long runNanos) {
            runs++;
            operations += size;
            nanos += runNanos;
            runOutcomes.forEach(outcome -> outcomes.merge(kindOf(outcome), 1L, Long::sum));
        }

        /** "Capture capture_exceeds_hold" counts as a refusal, "Capture ok" as a success. */
        private static String kindOf(String outcome) {
            if (outcome.endsWith(" ok")) {
                return "succeeded";
            }
            return outcome.endsWith("nothing to act on") ? "had nothing to act on yet" : "refused as expected";
        }

        @Override
        public synchronized String toString() {
            return runs + " runs, " + operations + " operations (" + outcomes.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ") in "
                    + Duration.ofNanos(nanos).toMillis() / 1000.0 + " s of runs and checks";
        }
    }
}
