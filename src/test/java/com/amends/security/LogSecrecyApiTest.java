package com.amends.security;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Bodies;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whoever can read the server's logs must not be able to use a key or spend a voucher: secrets
 * and voucher codes never reach the access log or the application log.
 */
@Tag("http")
class LogSecrecyApiTest {
    @TempDir
    Path logs;

    @Test
    void shouldKeepSecretsAndVoucherCodesOutOfTheLogs() throws IOException {
        Path requestLog = logs.resolve("requests.log");
        Path applicationLog = logs.resolve("application.log");
        String keySecret;
        String revokedSecret;
        String code;
        try (TestServer server = new TestServer(TestDatabase.h2())
                .setting("server.requestLog.appenders[0].currentLogFilename", requestLog.toString())
                .setting("logging.level", "INFO")
                .setting("logging.appenders[0].type", "file")
                .setting("logging.appenders[0].currentLogFilename", applicationLog.toString())
                .setting("logging.appenders[0].archive", "false")) {
            Api admin = server.as(Role.ADMIN);
            keySecret = admin.post("/v1/api-keys", Map.of("name", "shop-eu", "role", "storefront"), null)
                    .expect(201).path("secret").asText();
            var revoked = admin.post("/v1/api-keys", Map.of("name", "old-shop", "role", "storefront"), null).expect(201);
            revokedSecret = revoked.path("secret").asText();
            admin.delete("/v1/api-keys/" + revoked.path("id").asText()).expect(200);

            String customer = Bodies.newCustomer();
            code = server.as(Role.AGENT).post("/v1/grants", amountVoucherGrant(customer, 2_000, "EUR")).expect(201)
                    .path("voucher").path("code").asText();
            Api shop = server.withSecret(keySecret);
            shop.get("/v1/vouchers/" + code + "?order_total=5000&currency=EUR").expect(200);
            shop.get("/v1/vouchers/" + code.replace("-", "").toLowerCase(Locale.ROOT)).expect(200);
            shop.post("/v1/vouchers/" + code + "/redemptions",
                    Map.of("order_ref", "order-1", "amount", Map.of("amount", 500, "currency", "EUR"))).expect(201);
            shop.post("/v1/holds", Map.of("order_ref", "order-2", "voucher_code", code,
                    "amount", Map.of("amount", 300, "currency", "EUR"))).expect(201);
            server.withSecret(revokedSecret).get("/v1/vouchers/" + code).expectProblem(401, "unauthorized");
            server.withSecret(keySecret + "x").get("/v1/reason-codes").expectProblem(401, "unauthorized");
        }

        String requests = Files.readString(requestLog);
        String application = Files.readString(applicationLog);
        // The logs are written at all: each voucher request is there, with its code masked.
        String masked = ("/v1/vouchers/****-" + code.substring(code.length() - 4)).toLowerCase(Locale.ROOT);
        assertThat(requests.lines().filter(line -> line.toLowerCase(Locale.ROOT).contains(masked))).hasSize(4);
        assertThat(requests).contains("POST /v1/holds ").contains("POST /v1/api-keys ");
        assertThat(application).contains("Started");
        String normalized = code.replace("-", "");
        for (String log : List.of(requests, application)) {
            assertThat(log).doesNotContain(code).doesNotContain(normalized)
                    .doesNotContain(normalized.toLowerCase(Locale.ROOT))
                    .doesNotContain(keySecret).doesNotContain(revokedSecret)
                    .doesNotContain(keySecret.substring(keySecret.length() - 16));
        }
    }
}
