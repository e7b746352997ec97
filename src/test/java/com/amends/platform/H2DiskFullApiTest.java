package com.amends.platform;

import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.DiskFull;
import com.amends.testing.Reply;
import com.amends.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk under the embedded H2 file fills up while the server runs, and is freed again. H2
 * closes the database at the first write that fails; the server answers 503 with Retry-After
 * (never 500) while that lasts, its health check fails, and once there is space it opens the file
 * afresh and serves again, without a restart, with nothing lost or done twice and no trace file
 * beside the database. H2 only: PostgreSQL's full disk is an error of its connections
 * (SQLSTATE 53100), which {@link DatabaseOutageApiTest} covers in kind.
 */
@Tag("http")
class H2DiskFullApiTest {
    @TempDir
    Path directory;

    @AfterEach
    void freeTheDisk() {
        DiskFull.free();
    }

    @Test
    void shouldAnswer503WhileTheDiskIsFull_AndServeAgainWithoutARestart_OnceItIsFreed() throws Exception {
        try (TestServer server = new TestServer(DiskFull.database(directory)).start()) {
            Api agent = server.as(Role.AGENT);
            String customer = newCustomer();
            agent.post("/v1/grants", pointsGrant(customer, 100), UUID.randomUUID().toString()).expect(201);
            assertThat(server.adminPort().get("/healthcheck").status()).isEqualTo(200);

            // Other clients keep writing throughout, so that the pool keeps opening connections
            // while H2 has the closed database registered, as a server under load does.
            String busy = newCustomer();
            agent.post("/v1/grants", pointsGrant(busy, 1), UUID.randomUUID().toString()).expect(201);
            AtomicBoolean stop = new AtomicBoolean();
            Set<Integer> loadStatuses = ConcurrentHashMap.newKeySet();
            Queue<String> unexpected = new ConcurrentLinkedQueue<>(); // what a rare 500 said, to diagnose it
            List<Thread> load = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread client = new Thread(() -> {
                    while (!stop.get()) {
                        Reply reply = agent.post("/v1/grants", pointsGrant(busy, 1), UUID.randomUUID().toString());
                        loadStatuses.add(reply.status());
                        if (reply.status() != 201 && reply.status() != 503) {
                            unexpected.add(reply.status() + " " + reply.text());
                        }
                    }
                });
                client.start();
                load.add(client);
            }

            DiskFull.fill();
            String retried = UUID.randomUUID().toString();
            var grant = pointsGrant(customer, 250);
            List<Reply> refused = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                refused.add(agent.post("/v1/grants", grant, retried));
                refused.add(agent.post("/v1/grants", pointsGrant(customer, 1), UUID.randomUUID().toString()));
            }
            for (Reply reply : refused) {
                reply.expectProblem(503, "service_unavailable");
                assertThat(reply.header("Retry-After")).isEqualTo("5");
            }
            Reply health = server.adminPort().get("/healthcheck");
            assertThat(health.status()).as("unhealthy while the file cannot be written").isEqualTo(500);
            assertThat(health.json().path("h2File").path("healthy").asBoolean()).isFalse();

            Thread.sleep(1000);

            DiskFull.free();
            long freed = System.nanoTime();
            Reply granted = agent.post("/v1/grants", grant, retried);
            while (granted.status() == 503 && System.nanoTime() - freed < Duration.ofSeconds(30).toNanos()) {
                Thread.sleep(100);
                granted = agent.post("/v1/grants", grant, retried);
            }
            Duration recovery = Duration.ofNanos(System.nanoTime() - freed);
            granted.expect(201);
            assertThat(recovery).as("the first write after the disk is freed").isLessThan(Duration.ofSeconds(5));
            stop.set(true);
            for (Thread thread : load) {
                thread.join();
            }
            assertThat(loadStatuses).as("the other clients' answers: done, or refused for the outage; others: %s", unexpected)
                    .containsOnly(201, 503);
            assertThat(agent.post("/v1/grants", grant, retried).header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(agent.get("/v1/customers/" + customer).expect(200).path("points").path("available").asLong())
                    .as("100, and 250 once; none of the refused grants of 1").isEqualTo(350);
            assertThat(server.adminPort().get("/healthcheck").status()).isEqualTo(200);
            for (int i = 0; i < 20; i++) {
                agent.post("/v1/grants", pointsGrant(customer, 1), UUID.randomUUID().toString()).expect(201);
            }
            assertThat(agent.get("/v1/customers/" + customer).expect(200).path("points").path("available").asLong())
                    .as("every connection the pool lends after the reopen reaches the reopened file").isEqualTo(370);
        }
        try (var files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString())).as("no trace file").containsExactly("amends.mv.db");
        }
    }
}
