package com.amends.wallet;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.percentVoucherGrant;
import static com.amends.testing.Bodies.with;
import static com.amends.testing.Checkout.eur;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.CheckoutFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shop reads what a customer may spend at checkout, and nothing of how they came by it. The
 * clock moves past a voucher's expiry, so each run has servers of its own.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class BalanceApiTest extends CheckoutFixture {
    private static final Set<String> VOUCHER_FIELDS = Set.of("code", "type", "remaining", "percent_off", "max_discount",
            "expires_at");

    @Test
    void shouldShowTheShopWhatCanBeSpentNow_AndNothingOfTheHistory() {
        String expiring = voucher(with(amountVoucherGrant(customer, 400, "EUR"), "expires_at",
                server.clock().instant().plus(Duration.ofHours(1)).toString())).path("code").asText();
        server.clock().advance(Duration.ofHours(2));
        checkout.points(customer, 500, Duration.ofDays(30));
        shop.post("/v1/holds", Map.of("order_ref", "o-1", "customer_id", customer, "points", 100)).expect(201);
        String partlyHeld = checkout.amountVoucher(customer, 1000);
        shop.post("/v1/holds", Map.of("order_ref", "o-2", "voucher_code", partlyHeld, "amount", eur(300))).expect(201);
        String spent = checkout.amountVoucher(customer, 500);
        checkout.redeemVoucher(spent, 500).expect(201);
        JsonNode revokedGrant = voucher(amountVoucherGrant(customer, 800, "EUR"));
        server.as(Role.SUPERVISOR).post("/v1/grants/" + revokedGrant.path("id").asText() + "/revoke",
                Map.of("reason", "wrong customer")).expect(200);
        String held = checkout.percentVoucher(customer, 20, 1000);
        shop.post("/v1/holds", Map.of("order_ref", "o-3", "voucher_code", held, "order_total", eur(3000))).expect(201);
        String percent = checkout.percentVoucher(customer, 15, 2000);

        JsonNode balance = shop.get("/v1/customers/" + customer + "/balance").expect(200);

        assertThat(fields(balance)).containsExactlyInAnyOrder("customer_id", "points", "vouchers");
        assertThat(balance.path("customer_id").asText()).isEqualTo(customer);
        assertThat(balance.path("points").path("available").asLong()).as("held points are not spendable").isEqualTo(400);
        JsonNode value = balance.path("points").path("value");
        assertThat(value).hasSize(1);
        assertThat(value.get(0).path("amount").asLong()).as("100 points = 1.00 EUR").isEqualTo(400);
        assertThat(value.get(0).path("currency").asText()).isEqualTo("EUR");
        List<String> codes = new ArrayList<>();
        balance.path("vouchers").forEach(v -> codes.add(v.path("code").asText()));
        assertThat(codes).as("not expired, used up, revoked or held").containsExactlyInAnyOrder(partlyHeld, percent)
                .doesNotContain(expiring, spent, held, revokedGrant.path("voucher").path("code").asText());
        for (JsonNode voucher : balance.path("vouchers")) {
            assertThat(VOUCHER_FIELDS).containsAll(fields(voucher));
            assertThat(voucher.path("expires_at").asText()).isNotEmpty();
            if (voucher.path("code").asText().equals(partlyHeld)) {
                assertThat(voucher.path("type").asText()).isEqualTo("amount");
                assertThat(voucher.path("remaining").path("amount").asLong()).isEqualTo(700);
            } else {
                assertThat(voucher.path("type").asText()).isEqualTo("percent");
                assertThat(voucher.path("percent_off").asInt()).isEqualTo(15);
                assertThat(voucher.path("max_discount").path("amount").asLong()).isEqualTo(2000);
            }
        }
        assertThat(balance.toString()).as("nothing of the history")
                .doesNotContain("grt_", "agent-7", "parcel 3 days late", "DAMAGED_ITEM", "\"ZD-", "case_ref");
        assertThat(server.as(Role.AGENT).get("/v1/customers/" + customer + "/balance").expect(200)).isEqualTo(balance);
    }

    @Test
    void shouldKeepTheWalletFromTheShop_AndAnswerAnUnknownCustomerAsTheWalletDoes() {
        checkout.points(customer, 50, Duration.ofDays(30));
        shop.get("/v1/customers/" + customer).expectProblem(403, "forbidden");
        shop.get("/v1/customers/" + customer + "/ledger").expectProblem(403, "forbidden");
        server.as(Role.ADMIN).get("/v1/customers/" + customer + "/balance").expectProblem(403, "forbidden");

        shop.get("/v1/customers/never-seen-" + System.nanoTime() + "/balance").expectProblem(404, "customer_not_found");
        shop.get("/v1/customers/a%20b/balance").expectProblem(422, "validation_failed");
        JsonNode nothing = shop.get("/v1/customers/" + customer + "/balance").expect(200);
        assertThat(nothing.path("vouchers")).isEmpty();
        assertThat(nothing.path("points").path("available").asLong()).isEqualTo(50);
    }

    private JsonNode voucher(Map<String, Object> grant) {
        return server.as(Role.AGENT).post("/v1/grants", grant).expect(201);
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
