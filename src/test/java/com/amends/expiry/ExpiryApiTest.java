package com.amends.expiry;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Books;
import com.amends.testing.Checkout;
import com.amends.testing.OwnServerFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class ExpiryApiTest extends OwnServerFixture {
    Checkout checkout;
    String customer;

    @BeforeEach
    void setUp() {
        checkout = new Checkout(server);
        customer = newCustomer();
    }

    @Test
    void shouldExpireWhatIsLeftOfALot_ThroughTheJournal_Once() {
        checkout.points(customer, 300, Duration.ofDays(3));
        checkout.points(customer, 100, Duration.ofDays(60));
        checkout.redeemPoints(customer, 120);
        assertThat(checkout.wallet(customer).path("points").path("expiring_soon").asLong()).isEqualTo(180);

        server.clock().advance(Duration.ofDays(4));
        assertThat(checkout.available(customer)).as("an expired lot is not spendable before the worker runs")
                .isEqualTo(100);
        checkout.runExpiry();
        Books once = Books.of(server);
        checkout.runExpiry();

        assertThat(Books.of(server)).isEqualTo(once);
        assertThat(checkout.available(customer)).isEqualTo(100);
        JsonNode entry = server.as(Role.FINANCE).get("/v1/customers/" + customer + "/ledger?limit=1").expect(200)
                .path("data").get(0);
        assertThat(entry.path("kind").asText()).isEqualTo("points_expired");
        assertThat(entry.path("postings").findValuesAsText("account")).contains("expired", "points:" + customer);
        assertThat(entry.path("postings").findValues("amount").stream().mapToLong(JsonNode::asLong).max().orElseThrow())
                .isEqualTo(180);
        Books.assertReconciled(server);
    }

    @Test
    void shouldExpireAVoucher_MovingItsRemainingValueToExpired() {
        JsonNode grant = server.as(Role.AGENT).post("/v1/grants", with(amountVoucherGrant(customer, 1000, "EUR"),
                "expires_at", server.clock().instant().plus(Duration.ofDays(20)).toString())).expect(201);
        String code = grant.path("voucher").path("code").asText();
        checkout.redeemVoucher(code, 250).expect(201);
        assertThat(checkout.wallet(customer).path("vouchers").get(0).path("expiring_soon").asBoolean()).isTrue();

        server.clock().advance(Duration.ofDays(21));
        checkout.runExpiry();

        JsonNode voucher = checkout.voucher(code);
        assertThat(voucher.path("status").asText()).isEqualTo("expired");
        assertThat(voucher.path("remaining").path("amount").asLong()).isZero();
        assertThat(checkout.wallet(customer).path("vouchers")).isEmpty();
        JsonNode entry = server.as(Role.FINANCE).get("/v1/customers/" + customer + "/ledger?limit=1").expect(200)
                .path("data").get(0);
        assertThat(entry.path("kind").asText()).isEqualTo("voucher_expired");
        Books.assertReconciled(server);
    }
}
