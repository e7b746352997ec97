package com.amends.bench;

import com.amends.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server jar ({@code target/amends.jar}) as a child process, on a database of its own: an
 * H2 file in a fresh directory with the URL options config.yml ships with, or a fresh schema on
 * a PostgreSQL server, dropped at {@link #close()}. Its configuration file holds the shipped
 * database pool settings, ports of its own, rate limits out of reach and whatever else the
 * benchmark adds; everything else is the server's default. The same file also starts the
 * application in-process.
 */
final class ServerJar implements AutoCloseable {
    /** A system property naming another jar than target/amends.jar, e.g. one built from an older commit. */
    static final String JAR_PROPERTY = "amends.bench.jar";

    private final Path dir;
    private final TestDatabase postgres;
    private final String postgresBase;
    private final String jdbcUrl;
    private final Path config;
    private final int port;
    private final int adminPort;
    private final List<String> jvmOptions;
    private final String settings;
    /** A second instance on another's database: it neither made the schema nor drops it. */
    private final boolean sibling;
    private Process process;

    /**
     * @param postgresBase a PostgreSQL JDBC URL to make a schema on, or null for an H2 file
     * @param h2Options    H2 URL options ({@code ;MODE=...}), or null for config.yml's
     * @param settings     YAML lines added to the configuration's top level
     * @param jvmOptions   options for the server's JVM, e.g. -Xmx256m
     */
    ServerJar(String name, String postgresBase, String h2Options, String settings, List<String> jvmOptions)
            throws IOException {
        this(name, postgresBase, postgresBase != null ? TestDatabase.postgres(postgresBase) : null, h2Options, settings,
                jvmOptions, false);
    }

    private ServerJar(String name, String postgresBase, TestDatabase postgres, String h2Options, String settings,
                      List<String> jvmOptions, boolean sibling) throws IOException {
        this.dir = Files.createTempDirectory("amends-" + name);
        this.postgresBase = postgresBase;
        this.postgres = postgres;
        this.sibling = sibling;
        this.settings = settings;
        this.jvmOptions = List.copyOf(jvmOptions);
        String driver;
        if (postgres != null) {
            jdbcUrl = postgres.url();
            driver = postgres.driver();
        } else {
            jdbcUrl = "jdbc:h2:file:" + dir.resolve("data").resolve("amends").toAbsolutePath()
                    + (h2Options != null ? h2Options : shippedH2Options());
            driver = "org.h2.Driver";
        }
        port = freePort();
        adminPort = freePort();
        config = dir.resolve(name + ".yml");
        Files.writeString(config, """
                database:
                  driverClass: %s
                  url: "%s"
                %s  minSize: 4
                  maxSize: 32
                  checkConnectionWhileIdle: false
                  checkConnectionOnBorrow: true
                  validationInterval: 1 second
                %s
                # Benchmarks measure what the server can take, not the limits that protect it.
                rateLimits:
                  storefront: { perSecond: 1000000000, burst: 1000000000 }
                  agent: { perSecond: 1000000000, burst: 1000000000 }
                  supervisor: { perSecond: 1000000000, burst: 1000000000 }
                  finance: { perSecond: 1000000000, burst: 1000000000 }
                  admin: { perSecond: 1000000000, burst: 1000000000 }
                  expensiveReads: { perSecond: 1000000000, burst: 1000000000 }
                server:
                  applicationConnectors:
                    - type: http
                      port: %d
                  adminConnectors:
                    - type: http
                      port: %d
                      bindHost: 127.0.0.1
                logging:
                  level: INFO
                  loggers:
                    liquibase: WARN
                """.formatted(driver, jdbcUrl, postgres == null ? "  user: sa\n  password: \"\"\n" : "",
                settings, port, adminPort));
        Runtime.getRuntime().addShutdownHook(new Thread(this::killQuietly));
    }

    /**
     * A second server instance on this one's PostgreSQL schema, with ports, a directory and a log
     * of its own and the same settings: what runs behind a load balancer.
     */
    ServerJar sibling(String name) throws IOException {
        if (postgres == null) {
            throw new IllegalStateException("An embedded H2 file belongs to one process; two instances need PostgreSQL");
        }
        return new ServerJar(name, postgresBase, postgres, null, settings, jvmOptions, true);
    }

    /** How much the server has logged so far (its standard output and error, kept in server.log). */
    long logBytes() throws IOException {
        Path log = dir.resolve("server.log");
        return Files.exists(log) ? Files.size(log) : 0;
    }

    /** The H2 URL options config.yml ships with, so that runs use the production settings. */
    private static String shippedH2Options() throws IOException {
        Matcher url = Pattern.compile("AMENDS_DB_URL:-jdbc:h2:file:[^;}]*([^}]*)}")
                .matcher(Files.readString(Path.of("config.yml")));
        if (!url.find()) {
            throw new IllegalStateException("config.yml names no default H2 URL");
        }
        return url.group(1);
    }

    Path dir() {
        return dir;
    }

    Path config() {
        return config;
    }

    int port() {
        return port;
    }

    int adminPort() {
        return adminPort;
    }

    /** The H2 URL's options ({@code ;MODE=...}), for a reference database of the same settings. */
    String h2Options() {
        return jdbcUrl.substring(jdbcUrl.indexOf(';'));
    }

    String describeDatabase() {
        return postgres != null ? "PostgreSQL (" + postgresBase + ", schema " + schema() + ")"
                : "H2 file database, URL options '" + jdbcUrl.substring(jdbcUrl.indexOf(';') + 1) + "'";
    }

    /** The server's JDBC URL (on PostgreSQL, of its database with the schema as current). */
    String databaseUrl() {
        return jdbcUrl;
    }

    String schema() {
        Matcher schema = Pattern.compile("currentSchema=(\\w+)").matcher(jdbcUrl);
        return schema.find() ? schema.group(1) : "?";
    }

    /**
     * On PostgreSQL, refreshes the planner's statistics of this schema's tables, as autovacuum
     * does on a production server after this many writes. The shared test server runs with
     * autovacuum off; without this the planner sees a freshly seeded table as empty and reads,
     * for instance, a ledger page's postings by scanning the whole table. H2 keeps its own.
     */
    void refreshStatistics() throws SQLException {
        if (postgres == null) {
            return;
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT tablename FROM pg_tables WHERE schemaname = '" + schema() + "'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                statement.execute("ANALYZE \"" + schema() + "\".\"" + table + "\"");
            }
        }
    }

    /** Direct SQL on the server's database; for H2, only while the server is stopped. */
    Connection connect() throws SQLException {
        return postgres != null ? postgres.connect() : DriverManager.getConnection(jdbcUrl, "sa", "");
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        // A copy of the jar may be named, so that a long run goes on while the tree is rebuilt.
        command.add(Path.of(System.getProperty(JAR_PROPERTY, "target/amends.jar")).toAbsolutePath().toString());
        command.addAll(List.of(args));
        command.add(config.toString());
        return command;
    }

    /** The first admin key comes from the jar's command, with the server stopped; the secret is the line that starts sk_. */
    String createAdminKey(String name) throws IOException, InterruptedException {
        Process command = new ProcessBuilder(command("create-api-key", "--role", "admin", "--name", name))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(command.getInputStream().readAllBytes());
        if (command.waitFor() != 0) {
            throw new IllegalStateException("create-api-key failed:\n" + output);
        }
        return output.lines().filter(line -> line.startsWith("sk_")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("create-api-key printed no secret:\n" + output));
    }

    /** Starts the server and waits until its health check passes. */
    void start() throws IOException, InterruptedException {
        Path log = dir.resolve("server.log");
        process = new ProcessBuilder(command("server")).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthcheck"))
                .timeout(Duration.ofSeconds(5)).build();
        // Long: on a shared machine under load, a start has been seen to take over three minutes.
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (probe.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The server did not become healthy within 10 minutes; see " + log);
            }
            Thread.sleep(100);
        }
    }

    /** The server's process id, for limits set on it from outside (prlimit). */
    long pid() {
        return process.pid();
    }

    /** Starts a JFR recording of the running server (profile settings), for one phase of a benchmark. */
    void startRecording(String name) throws Exception {
        jcmd("JFR.start", "name=" + name, "settings=profile");
    }

    /** Stops the recording {@link #startRecording} started and writes it to {@code file}. */
    void stopRecording(String name, Path file) throws Exception {
        jcmd("JFR.stop", "name=" + name, "filename=" + file);
    }

    private void jcmd(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed:\n" + out);
        }
    }

    /** kill -9: no shutdown hook, no flush, no close; what the database has written is all there is. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private void killQuietly() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** A clean stop (SIGTERM), so that the H2 file can be opened by this process, and a JFR recording is written. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            kill();
        }
    }

    /** Stops the server and drops a PostgreSQL schema; the PostgreSQL server is shared, so it checks the drop. */
    @Override
    public void close() throws Exception {
        kill();
        if (postgres != null && !sibling) {
            postgres.drop();
            try (Connection connection = DriverManager.getConnection(postgresBase);
                 Statement statement = connection.createStatement();
                 ResultSet left = statement.executeQuery(
                         "SELECT COUNT(*) FROM pg_namespace WHERE nspname = '" + schema() + "'")) {
                left.next();
                if (left.getLong(1) != 0) {
                    throw new IllegalStateException("schema " + schema() + " is still there");
                }
            }
        }
    }

    /** Deletes the run's directory: its H2 files and the server log. */
    void deleteFiles() throws IOException {
        deleteTree(dir);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
