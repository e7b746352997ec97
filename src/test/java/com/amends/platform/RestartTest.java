package com.amends.platform;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Books;
import com.amends.testing.Reply;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server acknowledged is still there after it restarts on the same H2 file. */
@Tag("restart")
class RestartTest {
    @TempDir
    Path directory;

    @Test
    void shouldKeepEveryAcknowledgedGrant_WhenTheServerRestartsOnTheSameFile() {
        String customer = newCustomer();
        Map<String, Object> points = pointsGrant(customer, 500);
        try (TestServer server = new TestServer(TestDatabase.h2File(directory))) {
            Reply first = server.as(Role.AGENT).post("/v1/grants", points, "restart-1");
            first.expect(201);
            String voucherCode = server.as(Role.AGENT).post("/v1/grants", amountVoucherGrant(customer, 1000, "EUR"))
                    .expect(201).path("voucher").path("code").asText();
            Books before = Books.of(server);

            server.stop();
            server.start();

            assertThat(Books.of(server)).isEqualTo(before);
            JsonNode wallet = server.as(Role.AGENT).get("/v1/customers/" + customer).expect(200);
            assertThat(wallet.path("points").path("available").asLong()).isEqualTo(500);
            assertThat(wallet.path("vouchers").get(0).path("code").asText()).isEqualTo(voucherCode);
            Reply retried = server.as(Role.AGENT).post("/v1/grants", points, "restart-1");
            assertThat(retried.text()).isEqualTo(first.text());
            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            Books.assertReconciled(server);
        }
    }

    /**
     * A kill of the server can leave an H2 identity column behind rows already committed (see
     * Migrations): the restart must number new journal entries and audit events after them, not
     * collide with them.
     */
    @Test
    void shouldNumberNewRowsAfterTheOldOnes_WhenAKillLeftAnIdentityColumnBehind() throws SQLException {
        String customer = newCustomer();
        TestDatabase database = TestDatabase.h2File(directory);
        try (TestServer server = new TestServer(database)) {
            for (int i = 0; i < 3; i++) {
                server.as(Role.AGENT).post("/v1/grants", pointsGrant(customer, 100)).expect(201);
            }
            server.stop();
            long journalBefore;
            long auditBefore;
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                journalBefore = single(statement, "SELECT MAX(seq) FROM journal_entries");
                auditBefore = single(statement, "SELECT MAX(seq) FROM audit_events");
                // What such a kill leaves behind: the columns would hand out numbers rows already have.
                statement.execute("ALTER TABLE journal_entries ALTER COLUMN seq RESTART WITH 1");
                statement.execute("ALTER TABLE audit_events ALTER COLUMN seq RESTART WITH 1");
            }
            server.start();

            server.as(Role.AGENT).post("/v1/grants", pointsGrant(customer, 100)).expect(201);
            server.stop();
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT MAX(seq) FROM journal_entries")).isGreaterThan(journalBefore);
                assertThat(single(statement, "SELECT MAX(seq) FROM audit_events")).isGreaterThan(auditBefore);
                assertThat(single(statement, "SELECT COUNT(*) FROM journal_entries WHERE seq <= " + journalBefore))
                        .isEqualTo(single(statement, "SELECT COUNT(*) FROM journal_entries") - 1);
            }
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
