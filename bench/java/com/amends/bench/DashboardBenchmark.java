package com.amends.bench;

import com.amends.auth.Role;
import com.amends.testing.Reply;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The finance dashboard over a year of journal entries (1,000,000 by default, loaded as
 * {@code bench/reports.sh} loads them, with a grant row for each): the report API's own time for
 * the requests the page makes (each alone, and all at once as the page sends them), then the
 * page in headless Chromium, from navigation to every section drawn. Usage:
 *
 * <pre>bench/dashboard.sh [--entries N] [--postgres jdbc:postgresql://...] [--rounds 5] [--bucket month|week|day]
 *                    [--keep DIR]</pre>
 *
 * {@code --keep DIR} keeps the H2 database in DIR after the run, and a later run with the same DIR
 * measures it again without loading or summing (minutes at a million entries): for trying a change
 * to a report's statements on the same data.
 */
public final class DashboardBenchmark {
    /** The dashboard's sections, as js/finance/dashboard.js names their measures. */
    private static final List<String> SECTIONS = List.of("spend", "liability", "breakage", "effectiveness");

    public static void main(String[] args) throws Exception {
        int entries = 1_000_000;
        int rounds = 5;
        String postgres = null;
        String bucket = "month";
        Path keep = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--entries" -> entries = Integer.parseInt(args[++i]);
                case "--postgres" -> postgres = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--bucket" -> bucket = args[++i];
                case "--keep" -> keep = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (keep != null && postgres != null) {
            throw new IllegalArgumentException("--keep keeps an H2 database; PostgreSQL's schema is dropped");
        }
        Path directory = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("amends-bench");
        boolean reuse = keep != null && Files.exists(directory.resolve("amends.mv.db"));
        TestDatabase database = postgres != null ? TestDatabase.postgres(postgres) : TestDatabase.h2File(directory);
        try (TestServer server = new TestServer(database).start()) {
            // The server's clock starts at the same instant in every run, so a kept year is still the last one.
            Instant end = server.clock().instant();
            Instant start = end.minus(Duration.ofDays(365));
            double loadSeconds = 0;
            if (reuse) {
                System.out.println("Measuring the database kept in " + directory + " (not loaded again)");
            } else {
                long loadStart = System.nanoTime();
                ReportBenchmark.load(database, entries, start, end, true);
                loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            }
            // A kept database sums only what a migration since has asked to be summed again.
            sumDays(server, loadSeconds);
            LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC);
            LocalDate last = LocalDate.ofInstant(end, ZoneOffset.UTC);
            List<String> requests = requests(first, last, bucket);

            double[] alone = new double[requests.size()];
            Arrays.fill(alone, Double.MAX_VALUE);
            double together = Double.MAX_VALUE;
            requests.forEach(path -> get(server, path)); // warm the JIT and the database's cache
            ExecutorService pool = Executors.newFixedThreadPool(requests.size());
            for (int round = 0; round < rounds; round++) {
                for (int r = 0; r < requests.size(); r++) {
                    long t = System.nanoTime();
                    get(server, requests.get(r));
                    alone[r] = Math.min(alone[r], (System.nanoTime() - t) / 1e9);
                }
                long t = System.nanoTime();
                List<Future<?>> all = new ArrayList<>();
                requests.forEach(path -> all.add(pool.submit(() -> get(server, path))));
                for (Future<?> f : all) {
                    f.get();
                }
                together = Math.min(together, (System.nanoTime() - t) / 1e9);
            }
            pool.shutdown();

            double[][] page = page(server, first, last, bucket, rounds);

            System.out.println();
            System.out.printf(Locale.ROOT, "Finance dashboard over %,d journal entries and grants (a year, by %s), %s, %d cores, "
                            + "Java %s; loaded in %.1f s%n", entries, bucket, database.kind(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadSeconds);
            System.out.println("| request of the dashboard | best of " + rounds + " (s) |");
            System.out.println("|---|---:|");
            for (int r = 0; r < requests.size(); r++) {
                System.out.printf(Locale.ROOT, "| %s | %.3f |%n", requests.get(r), alone[r]);
            }
            System.out.printf(Locale.ROOT, "| all %d at once, as the page sends them | %.3f |%n", requests.size(), together);
            for (double[] row : page) {
                Arrays.sort(row);
            }
            System.out.println();
            System.out.println("| page in headless Chromium, " + rounds + " loads | best (s) | median (s) |");
            System.out.println("|---|---:|---:|");
            System.out.printf(Locale.ROOT, "| navigation to every section drawn (sign-in check, modules, requests, charts) | %.3f | %.3f |%n",
                    page[0][0], page[0][rounds / 2]);
            System.out.printf(Locale.ROOT, "| the dashboard's own requests and drawing | %.3f | %.3f |%n", page[1][0], page[1][rounds / 2]);
            for (int s = 0; s < SECTIONS.size(); s++) {
                System.out.printf(Locale.ROOT, "| of which %s drawn | %.3f | %.3f |%n", SECTIONS.get(s), page[2 + s][0],
                        page[2 + s][rounds / 2]);
            }
            System.out.printf(Locale.ROOT, "Target: the dashboard in under 2 s (median, navigation to every section drawn): %s%n",
                    page[0][rounds / 2] < 2 ? "met" : "NOT met");
        } finally {
            database.drop();
            if (keep == null && postgres == null) {
                ServerJar.deleteTree(directory);
            }
        }
    }

    /** Runs a year's first summing (day sums and grant outcomes) and says how long it took. */
    private static void sumDays(TestServer server, double loadSeconds) throws Exception {
        long sumStart = System.nanoTime();
        // It takes minutes: more than the test client's minute, and a client that hangs up on a task ends it.
        HttpResponse<String> summed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.adminPortNumber() + "/tasks/sum-days"))
                .timeout(Duration.ofHours(2)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.printf(Locale.ROOT, "Loaded in %.1f s; the day-sums job took %.1f s%n", loadSeconds,
                (System.nanoTime() - sumStart) / 1e9);
        if (summed.statusCode() != 200) {
            throw new IllegalStateException("sum-days answered " + summed.statusCode() + ": " + summed.body());
        }
    }

    /** What the dashboard asks for a custom period of these days (as js/finance/*.js do). */
    private static List<String> requests(LocalDate first, LocalDate last, String bucket) {
        String range = "from=" + first + "&to=" + last.plusDays(1);
        List<String> paths = new ArrayList<>();
        paths.add("/v1/reports/goodwill-spend?" + range + "&group_by=reason," + bucket);
        for (String side : List.of("agent", "channel", "campaign")) {
            paths.add("/v1/reports/goodwill-spend?" + range + "&group_by=" + side);
        }
        paths.add("/v1/reports/liability?from=" + first + "&as_of=" + last.plusDays(1) + "T00:00:00Z");
        paths.add("/v1/reports/breakage?" + range);
        for (String by : List.of("reason", "channel", "agent")) {
            paths.add("/v1/reports/effectiveness?" + range + "&group_by=" + by);
        }
        return paths;
    }

    /**
     * Loads the dashboard {@code rounds} times; answers the seconds from navigation to ready, and of
     * the dashboard's own measure (its requests and drawing), per load.
     */
    private static double[][] page(TestServer server, LocalDate first, LocalDate last, String bucket, int rounds) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(variable("AMENDS_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(variable("AMENDS_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            String origin = "http://127.0.0.1:" + server.port();
            driver.get(origin + "/console/icon.svg");
            driver.executeScript("sessionStorage.setItem('amends.apiKey', arguments[0]);"
                    + "sessionStorage.setItem('amends.finance.period', arguments[1])", server.secret(Role.FINANCE),
                    "{\"kind\":\"custom\",\"first\":\"" + first + "\",\"last\":\"" + last + "\",\"bucket\":\"" + bucket
                            + "\",\"stack\":\"reason\"}");
            double[][] seconds = new double[2 + SECTIONS.size()][rounds + 1];
            for (int round = 0; round <= rounds; round++) { // the first load warms the browser's cache
                driver.get("about:blank");
                driver.get(origin + "/console/#finance");
                new WebDriverWait(driver, Duration.ofSeconds(120)).until(d ->
                        !d.findElements(By.cssSelector(".finance[data-state='ready']")).isEmpty());
                List<String> problems = driver.findElements(By.cssSelector(".finance .problem")).stream()
                        .map(e -> e.getText().replace('\n', ' ')).toList();
                if (!problems.isEmpty()) {
                    // A section that timed out would make the page look fast: say so rather than print a time.
                    throw new IllegalStateException("The dashboard showed a problem instead of a section: " + problems);
                }
                @SuppressWarnings("unchecked")
                Map<String, Number> timing = (Map<String, Number>) driver.executeScript(
                        "const last = name => performance.getEntriesByName(name).at(-1);"
                                + "return {ready: last('finance-dashboard-ready').startTime,"
                                + " own: last('finance-dashboard').duration,"
                                + " spend: last('finance-spend').duration, liability: last('finance-liability').duration,"
                                + " breakage: last('finance-breakage').duration,"
                                + " effectiveness: last('finance-effectiveness').duration}");
                seconds[0][round] = timing.get("ready").doubleValue() / 1000;
                seconds[1][round] = timing.get("own").doubleValue() / 1000;
                for (int s = 0; s < SECTIONS.size(); s++) {
                    seconds[2 + s][round] = timing.get(SECTIONS.get(s)).doubleValue() / 1000;
                }
            }
            return Arrays.stream(seconds).map(row -> Arrays.copyOfRange(row, 1, rounds + 1)).toArray(double[][]::new);
        } finally {
            driver.quit();
        }
    }

    private static void get(TestServer server, String path) {
        Reply reply;
        try {
            reply = server.as(Role.FINANCE).get(path);
        } catch (RuntimeException e) {
            // The test client gives up after 60 s; say which request it gave up on.
            throw new IllegalStateException(path + " got no answer: " + e, e);
        }
        if (reply.status() != 200) {
            throw new IllegalStateException(path + " answered " + reply.status() + ": " + reply.text());
        }
    }

    private static String variable(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
