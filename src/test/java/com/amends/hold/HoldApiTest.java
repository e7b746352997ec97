package com.amends.hold;

import static com.amends.testing.Checkout.eur;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.Books;
import com.amends.testing.CheckoutFixture;
import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class HoldApiTest extends CheckoutFixture {
    @Nested
    class PointsHolds {
        @Test
        void shouldReserve_CaptureInPart_AndGiveTheRestBack() {
            checkout.points(customer, 500, Duration.ofDays(30));
            JsonNode hold = shop.post("/v1/holds", Map.of("order_ref", "o-1", "customer_id", customer, "points", 300))
                    .expect(201);
            assertThat(hold.path("status").asText()).isEqualTo("active");
            JsonNode wallet = checkout.wallet(customer);
            assertThat(wallet.path("points").path("available").asLong()).isEqualTo(200);
            assertThat(wallet.path("points").path("held").asLong()).isEqualTo(300);
            shop.post("/v1/customers/" + customer + "/points/redemptions", Map.of("order_ref", "o-2", "points", 201))
                    .expectProblem(422, "insufficient_points");

            JsonNode captured = shop.post("/v1/holds/" + hold.path("id").asText() + "/capture", Map.of("points", 120))
                    .expect(200);

            assertThat(captured.path("status").asText()).isEqualTo("captured");
            assertThat(captured.path("captured").asLong()).isEqualTo(120);
            JsonNode redemption = shop.get("/v1/redemptions/" + captured.path("redemption_id").asText()).expect(200);
            assertThat(redemption.path("points").asLong()).isEqualTo(120);
            assertThat(redemption.path("hold_id").asText()).isEqualTo(hold.path("id").asText());
            wallet = checkout.wallet(customer);
            assertThat(wallet.path("points").path("available").asLong()).isEqualTo(380);
            assertThat(wallet.path("points").path("held").asLong()).isZero();
            shop.post("/v1/holds/" + hold.path("id").asText() + "/release", Map.of()).expectProblem(409, "hold_not_active");
            Books.assertReconciled(server);
        }

        @Test
        void shouldCaptureAllThatIsHeld_WhenTheJsonBodyIsEmpty() {
            checkout.points(customer, 500, Duration.ofDays(30));
            String id = shop.post("/v1/holds", Map.of("order_ref", "o", "customer_id", customer, "points", 300))
                    .expect(201).path("id").asText();

            JsonNode captured = shop.raw("POST", "/v1/holds/" + id + "/capture", "application/json", "",
                    "Idempotency-Key", "empty-" + id).expect(200);

            assertThat(captured.path("captured").asLong()).isEqualTo(300);
            assertThat(checkout.wallet(customer).path("points").path("available").asLong()).isEqualTo(200);
        }

        @Test
        void shouldRefuseCapturingMoreThanHeld_ChangingNothing() {
            checkout.points(customer, 100, Duration.ofDays(30));
            String id = shop.post("/v1/holds", Map.of("order_ref", "o", "customer_id", customer, "points", 50))
                    .expect(201).path("id").asText();
            Books before = Books.of(server);
            shop.post("/v1/holds/" + id + "/capture", Map.of("points", 51)).expectProblem(422, "capture_exceeds_hold");
            shop.post("/v1/holds/" + id + "/capture", Map.of("amount", eur(5))).expectProblem(422, "validation_failed");
            shop.post("/v1/holds/hld_nope/capture", Map.of()).expectProblem(404, "hold_not_found");
            shop.post("/v1/holds", Map.of("order_ref", "o", "customer_id", customer, "points", 51))
                    .expectProblem(422, "insufficient_points");
            shop.post("/v1/holds", Map.of("order_ref", "o", "points", 5)).expectProblem(422, "validation_failed");
            shop.post("/v1/holds", Map.of("order_ref", "o", "customer_id", customer, "points", 5, "ttl_seconds", 1))
                    .expectProblem(422, "validation_failed");
            assertThat(Books.of(server)).isEqualTo(before);
        }

        @Test
        void shouldReleaseByItself_WhenItsTimeToLiveRunsOut() {
            checkout.points(customer, 100, Duration.ofDays(30));
            String id = shop.post("/v1/holds", Map.of("order_ref", "o", "customer_id", customer, "points", 80,
                    "ttl_seconds", 60)).expect(201).path("id").asText();
            server.clock().advance(Duration.ofSeconds(61));

            shop.post("/v1/holds/" + id + "/capture", Map.of()).expectProblem(409, "hold_not_active");
            checkout.runExpiry();

            assertThat(shop.get("/v1/holds/" + id).expect(200).path("status").asText()).isEqualTo("expired");
            assertThat(checkout.available(customer)).isEqualTo(100);
            Books.assertReconciled(server);
        }

        @Test
        void shouldSendHeldPointsToExpiry_WhenTheirLotExpiresDuringTheHold() {
            checkout.points(customer, 100, Duration.ofMinutes(10));
            String id = shop.post("/v1/holds", Map.of("order_ref", "o", "customer_id", customer, "points", 100,
                    "ttl_seconds", 3600)).expect(201).path("id").asText();
            server.clock().advance(Duration.ofMinutes(20));

            shop.post("/v1/holds/" + id + "/release", Map.of()).expect(200);

            assertThat(checkout.available(customer)).isZero();
            Books.assertReconciled(server);
        }
    }

    @Nested
    class VoucherHolds {
        @Test
        void shouldHoldPartOfAnAmountVoucher_AndCaptureLess() {
            String code = checkout.amountVoucher(customer, 1000);
            JsonNode hold = shop.post("/v1/holds", Map.of("order_ref", "o", "voucher_code", code, "amount", eur(600)))
                    .expect(201);
            assertThat(checkout.voucher(code).path("remaining").path("amount").asLong()).isEqualTo(400);
            checkout.redeemVoucher(code, 500).expectProblem(422, "insufficient_balance");

            JsonNode captured = shop.post("/v1/holds/" + hold.path("id").asText() + "/capture", Map.of("amount", eur(450)))
                    .expect(200);

            assertThat(captured.path("captured").asLong()).isEqualTo(450);
            assertThat(checkout.voucher(code).path("remaining").path("amount").asLong()).isEqualTo(550);
            Books.assertReconciled(server);
        }

        @Test
        void shouldCaptureAllThatIsHeld_WhenTheRequestHasNoBody() {
            String code = checkout.amountVoucher(customer, 1000);
            String id = shop.post("/v1/holds", Map.of("order_ref", "o", "voucher_code", code, "amount", eur(600)))
                    .expect(201).path("id").asText();
            String path = "/v1/holds/" + id + "/capture";
            shop.raw("POST", path, null, null).expectProblem(400, "idempotency_key_missing");

            Reply captured = shop.raw("POST", path, null, null, "Idempotency-Key", "all-" + id);

            assertThat(captured.expect(200).path("captured").asLong()).isEqualTo(600);
            assertThat(checkout.voucher(code).path("remaining").path("amount").asLong()).isEqualTo(400);
            Reply retried = shop.raw("POST", path, "application/json", "{}", "Idempotency-Key", "all-" + id);
            assertThat(retried.text()).as("{} asks what no body asks").isEqualTo(captured.text());
            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            Books.assertReconciled(server);
        }

        @Test
        void shouldKeepAHeldPercentVoucherFromOtherOrders_UntilReleased() {
            String code = checkout.percentVoucher(customer, 20, 1000);
            String id = shop.post("/v1/holds", Map.of("order_ref", "o", "voucher_code", code, "order_total", eur(3000)))
                    .expect(201).path("id").asText();
            shop.post("/v1/vouchers/" + code + "/redemptions", Map.of("order_ref", "other", "order_total", eur(100)))
                    .expectProblem(422, "voucher_on_hold");

            shop.post("/v1/holds/" + id + "/release", Map.of()).expect(200);

            JsonNode redemption = shop.post("/v1/vouchers/" + code + "/redemptions",
                    Map.of("order_ref", "other", "order_total", eur(3000))).expect(201);
            assertThat(redemption.path("amount").path("amount").asLong()).isEqualTo(600);
            Books.assertReconciled(server);
        }

        @Test
        void shouldCaptureAPercentHoldAsOneRedemption() {
            String code = checkout.percentVoucher(customer, 20, 1000);
            String id = shop.post("/v1/holds", Map.of("order_ref", "o", "voucher_code", code, "order_total", eur(10_000)))
                    .expect(201).path("id").asText();
            JsonNode captured = shop.post("/v1/holds/" + id + "/capture", Map.of()).expect(200);
            assertThat(captured.path("captured").asLong()).isEqualTo(1000);
            assertThat(checkout.voucher(code).path("status").asText()).isEqualTo("used_up");
            Books.assertReconciled(server);
        }
    }
}
