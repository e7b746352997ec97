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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server acknowledged is still there after it restarts on the same H2 file. */
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
}
