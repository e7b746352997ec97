package com.amends.platform;

import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Reply;
import com.amends.testing.TcpProxy;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.tools.Server;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * The database goes away under a running server, as in a network outage or a restart, and comes
 * back: requests that need it are answered 503 with Retry-After (never 500), those that do not
 * keep working, the health check names the database, the log does not fill with stack traces,
 * and the first request after it is back succeeds, with nothing lost or done twice.
 */
@Tag("http")
class DatabaseOutageApiTest {
    static Stream<String> databases() {
        return TestDatabase.postgresConfigured() ? Stream.of("h2", "postgres") : Stream.of("h2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldAnswer503WithRetryAfter_WhileTheDatabaseIsAway_AndRecoverAtOnce(String kind) throws Exception {
        try (Outage outage = new Outage(kind); TestServer server = new TestServer(outage.database).start()) {
            Api agent = server.as(Role.AGENT);
            String customer = newCustomer();
            agent.post("/v1/grants", pointsGrant(customer, 100), UUID.randomUUID().toString()).expect(201);

            ListAppender<ILoggingEvent> log = capture(ProblemMapper.class);
            outage.proxy.cut();
            String retried = UUID.randomUUID().toString();
            var grant = pointsGrant(customer, 250);
            List<Reply> refused = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                refused.add(agent.post("/v1/grants", grant, retried));
                refused.add(agent.get("/v1/customers/" + customer));
            }
            for (Reply reply : refused) {
                reply.expectProblem(503, "service_unavailable");
                assertThat(reply.header("Retry-After")).isEqualTo("5");
            }
            assertThat(agent.get("/openapi.json").status()).as("a request that needs no table").isEqualTo(200);
            Reply health = server.adminPort().get("/healthcheck");
            assertThat(health.status()).isEqualTo(500);
            assertThat(health.json().path("database").path("healthy").asBoolean()).isFalse();
            assertThat(log.list).as("16 refused requests: a summary line per cause at most, and no stack trace")
                    .hasSizeLessThanOrEqualTo(3)
                    .allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());

            outage.proxy.restore();
            long back = System.nanoTime();
            Reply granted = agent.post("/v1/grants", grant, retried);
            Duration recovery = Duration.ofNanos(System.nanoTime() - back);
            granted.expect(201);
            assertThat(recovery).as("the first request after the database is back").isLessThan(Duration.ofSeconds(5));
            assertThat(agent.post("/v1/grants", grant, retried).header("Idempotent-Replayed"))
                    .isEqualTo("true");
            assertThat(agent.get("/v1/customers/" + customer).expect(200).path("points").path("available")
                    .asLong()).as("100, and 250 once").isEqualTo(350);
            assertThat(server.adminPort().get("/healthcheck").status()).isEqualTo(200);
        }
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> source) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(source)).addAppender(appender);
        return appender;
    }

    /** A database of the kind reached only through a proxy the test can cut. */
    private static final class Outage implements AutoCloseable {
        final TcpProxy proxy;
        final TestDatabase database;
        private final Server h2;

        Outage(String kind) throws SQLException {
            if (kind.equals("h2")) {
                h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
                proxy = new TcpProxy("127.0.0.1", h2.getPort());
                database = TestDatabase.h2Url("jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/mem:outage_"
                        + UUID.randomUUID().toString().replace("-", "")
                        + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH");
            } else {
                h2 = null;
                String base = System.getenv(TestDatabase.POSTGRES_URL_VARIABLE);
                URI uri = URI.create(base.substring("jdbc:".length()));
                proxy = new TcpProxy(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
                database = TestDatabase.postgres(base.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"));
            }
        }

        @Override
        public void close() {
            proxy.restore();
            database.drop();
            proxy.close();
            if (h2 != null) {
                h2.stop();
            }
        }
    }
}
