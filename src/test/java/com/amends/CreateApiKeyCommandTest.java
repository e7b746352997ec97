package com.amends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amends.auth.Role;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first admin key from the jar's command, run as a user runs it (a process of its own, its
 * standard output read apart from its standard error), on data a server then starts on, or
 * already runs on.
 */
@Tag("restart")
class CreateApiKeyCommandTest {
    private static final String SECRET = "sk_[0-9A-Z]{26}\\.[A-Za-z0-9_-]{43}";

    @TempDir
    Path directory;

    @Test
    void shouldPrintTheSecretAlone_AndTheServerStartedOnTheFileLetsItIn() throws Exception {
        TestDatabase database = TestDatabase.h2File(directory);

        Run run = createApiKey(database, "admin", "ops");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).as("standard output is the secret alone; stderr: %s", run.stderr()).matches(SECRET + "\n");
        assertThat(run.stderr()).contains("Created API key key_").doesNotContain("\tat ");
        try (TestServer server = new TestServer(database)) {
            assertAdmin(server, run.secret(), "ops");
        }
    }

    @Test
    void shouldSayToUseTheAdminTask_WhenTheServerHoldsTheH2File() throws Exception {
        TestDatabase database = TestDatabase.h2File(directory);
        try (TestServer server = new TestServer(database).start()) {
            Run run = createApiKey(database, "admin", "night ops");

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderr())
                    .contains("is in use, most likely by the running server")
                    .contains("curl -sS -X POST 'localhost:8081/tasks/create-api-key?role=admin&name=night+ops'")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    /** PostgreSQL lets the command and a running server share the database. */
    @Test
    void shouldMakeKeys_BeforeTheServerStartsAndWhileItRuns_OnPostgres() throws Exception {
        assumeTrue(TestDatabase.postgresConfigured(), TestDatabase.POSTGRES_URL_VARIABLE + " is not set");
        TestDatabase database = TestDatabase.postgres();
        try {
            Run first = createApiKey(database, "admin", "ops");
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            try (TestServer server = new TestServer(database).start()) {
                Run second = createApiKey(database, "admin", "ops-2");

                assertThat(second.exitCode()).as(second.stderr()).isZero();
                assertThat(second.stdout()).matches(SECRET + "\n");
                assertAdmin(server, first.secret(), "ops");
                assertAdmin(server, second.secret(), "ops-2");
            }
        } finally {
            database.drop();
        }
    }

    /** The key lets its holder in as an admin, and the audit trail has its creation, by no API key. */
    private static void assertAdmin(TestServer server, String secret, String name) {
        JsonNode me = server.withSecret(secret).get("/v1/me").expect(200);
        assertThat(me.path("role").asText()).isEqualTo("admin");
        assertThat(me.path("name").asText()).isEqualTo(name);
        JsonNode audit = server.as(Role.FINANCE)
                .get("/v1/audit-events?action=createApiKey&target_id=" + me.path("key_id").asText()).expect(200)
                .path("data");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("api_key_id").isNull()).isTrue();
        assertThat(audit.get(0).path("after").path("name").asText()).isEqualTo(name);
    }

    private record Run(int exitCode, String stdout, String stderr) {
        String secret() {
            return stdout.strip();
        }
    }

    /**
     * {@code java … create-api-key --role … --name … config.yml} on the test classpath, with a
     * configuration as a user's would be (its admin port 8081), and every logger at INFO, so that a
     * log line on standard output would show.
     */
    private Run createApiKey(TestDatabase database, String role, String name) throws IOException, InterruptedException {
        Path config = Files.createTempFile(directory, "config", ".yml");
        Files.writeString(config, """
                database:
                  driverClass: %s
                  url: "%s"
                %s
                server:
                  adminConnectors:
                    - type: http
                      port: 8081
                      bindHost: 127.0.0.1
                logging:
                  level: INFO
                  loggers:
                    liquibase: INFO
                """.formatted(database.driver(), database.url(),
                database.user() == null ? "" : "  user: " + database.user()));
        Path out = directory.resolve("stdout");
        Path err = directory.resolve("stderr");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // starts sooner; the command is over before a second compiler pays off
                "-cp", System.getProperty("java.class.path"), AmendsApplication.class.getName(),
                "create-api-key", "--role", role, "--name", name, config.toString()));
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("create-api-key did not end; stderr: " + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
