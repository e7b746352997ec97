package com.amends.redemption;

import static com.amends.testing.Bodies.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Books;
import com.amends.testing.Checkout;
import com.amends.testing.Concurrently;
import com.amends.testing.MutableClock;
import com.amends.testing.Reply;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two servers on one database, as in production behind a load balancer: concurrent
 * redemptions and holds on the same customers through both never overspend a balance.
 */
@Tag("http")
class TwoInstancesTest {
    static final int CUSTOMERS = 4;
    static final long POINTS_EACH = 1000;
    static final long VOUCHER_EACH = 1000;

    static Stream<String> databases() {
        return TestDatabase.postgresConfigured() ? Stream.of("h2", "postgres") : Stream.of("h2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldNeverSpendTwice_WhenTwoInstancesServeTheSameCustomers(String kind) {
        TestDatabase database = kind.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres();
        MutableClock clock = new MutableClock(MutableClock.START);
        try (TestServer first = new TestServer(database, clock); TestServer second = new TestServer(database, clock)) {
            first.start();
            second.start();
            Checkout setup = new Checkout(first);
            List<String> customers = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                String customer = newCustomer();
                customers.add(customer);
                setup.points(customer, POINTS_EACH / 2, Duration.ofDays(10));
                setup.points(customer, POINTS_EACH / 2, Duration.ofDays(90));
                codes.add(setup.amountVoucher(customer, VOUCHER_EACH));
            }
            List<Api> shops = List.of(first.as(Role.STOREFRONT), second.as(Role.STOREFRONT));

            List<Reply> replies = Concurrently.run(96, i -> {
                Api shop = shops.get(i % 2);
                String customer = customers.get(i % CUSTOMERS);
                String code = codes.get(i % CUSTOMERS);
                return switch (i % 3) {
                    case 0 -> shop.post("/v1/customers/" + customer + "/points/redemptions",
                            Map.of("order_ref", "o-" + i, "points", 150));
                    case 1 -> {
                        Reply hold = shop.post("/v1/holds", Map.of("order_ref", "h-" + i, "customer_id", customer,
                                "points", 150));
                        if (hold.status() != 201) {
                            yield hold;
                        }
                        // Capture through the other instance.
                        yield shops.get((i + 1) % 2).post("/v1/holds/" + hold.json().path("id").asText() + "/capture",
                                Map.of());
                    }
                    default -> shop.post("/v1/vouchers/" + code + "/redemptions",
                            Map.of("order_ref", "v-" + i, "amount", Map.of("amount", 150, "currency", "EUR")));
                };
            });

            assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.text()).isIn(200, 201, 422));
            for (int i = 0; i < CUSTOMERS; i++) {
                int customerIndex = i;
                long pointsSpent = 0;
                long voucherSpent = 0;
                for (int j = 0; j < replies.size(); j++) {
                    if (j % CUSTOMERS != customerIndex || replies.get(j).status() >= 300) {
                        continue;
                    }
                    if (j % 3 == 2) {
                        voucherSpent += 150;
                    } else {
                        pointsSpent += 150;
                    }
                }
                JsonNode wallet = setup.wallet(customers.get(i));
                assertThat(wallet.path("points").path("available").asLong()).isEqualTo(POINTS_EACH - pointsSpent)
                        .isBetween(0L, 149L);
                assertThat(wallet.path("points").path("held").asLong()).isZero();
                assertThat(setup.voucher(codes.get(i)).path("remaining").path("amount").asLong())
                        .isEqualTo(VOUCHER_EACH - voucherSpent).isBetween(0L, 149L);
            }
            Books.assertReconciled(first);
        }
    }
}
