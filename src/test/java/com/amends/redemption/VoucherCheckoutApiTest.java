package com.amends.redemption;

import static com.amends.testing.Checkout.eur;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Books;
import com.amends.testing.CheckoutFixture;
import com.amends.testing.Concurrently;
import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class VoucherCheckoutApiTest extends CheckoutFixture {
    @Nested
    class Validating {
        @Test
        void shouldSayWhatAVoucherGivesOnAnOrder_HoweverTheCodeIsTyped() {
            String code = checkout.amountVoucher(customer, 1000);
            String typed = code.toLowerCase().replace("-", " ").replace('0', 'o');

            JsonNode check = shop.get("/v1/vouchers/" + typed.replace(" ", "%20") + "?order_total=600&currency=EUR").expect(200);

            assertThat(check.path("usable").asBoolean()).isTrue();
            assertThat(check.path("code").asText()).isEqualTo(code);
            assertThat(check.path("remaining").path("amount").asLong()).isEqualTo(1000);
            assertThat(check.path("discount").path("amount").asLong()).isEqualTo(600);
            assertThat(shop.get("/v1/vouchers/" + code + "?order_total=1500&currency=EUR").expect(200)
                    .path("discount").path("amount").asLong()).isEqualTo(1000);
        }

        @Test
        void shouldGiveThePercentageUpToTheCap() {
            String code = checkout.percentVoucher(customer, 15, 2000);
            assertThat(shop.get("/v1/vouchers/" + code + "?order_total=8000&currency=EUR").expect(200)
                    .path("discount").path("amount").asLong()).isEqualTo(1200);
            assertThat(shop.get("/v1/vouchers/" + code + "?order_total=50000&currency=EUR").expect(200)
                    .path("discount").path("amount").asLong()).isEqualTo(2000);
        }

        @Test
        void shouldTellAMistypedCodeFromAnUnknownOne() {
            String code = checkout.amountVoucher(customer, 1000);
            char last = code.charAt(code.length() - 1);
            String typo = code.substring(0, code.length() - 1) + (last == 'A' ? 'B' : 'A');
            Api fresh = freshStorefront();
            fresh.get("/v1/vouchers/" + typo).expectProblem(422, "voucher_code_mistyped");
            fresh.get("/v1/vouchers/not-a-code").expectProblem(422, "voucher_code_mistyped");
            fresh.get("/v1/vouchers/" + unknownButWellFormed(code)).expectProblem(404, "voucher_not_found");
        }

        @Test
        void shouldReportExpiredRevokedAndUsedUpVouchersAsNotUsable() {
            String usedUp = checkout.amountVoucher(customer, 300);
            checkout.redeemVoucher(usedUp, 300).expect(201);
            assertThat(checkout.voucher(usedUp).path("status").asText()).isEqualTo("used_up");
            assertThat(checkout.voucher(usedUp).path("refusal").asText()).isEqualTo("insufficient_balance");

            JsonNode grant = server.as(Role.AGENT).post("/v1/grants",
                    com.amends.testing.Bodies.amountVoucherGrant(customer, 500, "EUR")).expect(201);
            server.as(Role.SUPERVISOR).post("/v1/grants/" + grant.path("id").asText() + "/revoke",
                    Map.of("reason", "mistake")).expect(200);
            JsonNode revoked = checkout.voucher(grant.path("voucher").path("code").asText());
            assertThat(revoked.path("usable").asBoolean()).isFalse();
            assertThat(revoked.path("refusal").asText()).isEqualTo("voucher_revoked");

            JsonNode expiring = server.as(Role.AGENT).post("/v1/grants", com.amends.testing.Bodies.with(
                    com.amends.testing.Bodies.amountVoucherGrant(customer, 500, "EUR"), "expires_at",
                    server.clock().instant().plus(Duration.ofSeconds(30)).toString())).expect(201);
            server.clock().advance(Duration.ofMinutes(1));
            String code = expiring.path("voucher").path("code").asText();
            assertThat(checkout.voucher(code).path("status").asText()).isEqualTo("expired");
            checkout.redeemVoucher(code, 100).expectProblem(422, "voucher_expired");
        }

        @Test
        void shouldStopGuessers_AfterFiveUnknownCodesInFiveSeconds() {
            Api guesser = freshStorefront();
            String known = checkout.amountVoucher(customer, 100);
            for (int i = 0; i < 5; i++) {
                guesser.get("/v1/vouchers/" + unknownButWellFormed(known)).expectProblem(404, "voucher_not_found");
            }
            Reply refused = guesser.get("/v1/vouchers/" + known);
            refused.expectProblem(429, "too_many_failed_lookups");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 5L);
            shop.get("/v1/vouchers/" + known).expect(200); // another key is not punished

            server.clock().advance(Duration.ofSeconds(6));
            guesser.get("/v1/vouchers/" + known).expect(200);
        }
    }

    @Nested
    class Redeeming {
        @Test
        void shouldSpendAnAmountVoucherInParts_NeverBeyondWhatIsLeft() {
            String code = checkout.amountVoucher(customer, 1000);
            JsonNode first = checkout.redeemVoucher(code, 300).expect(201);
            assertThat(first.path("id").asText()).startsWith("red_");
            assertThat(first.path("amount").path("amount").asLong()).as("the request's name, in the answer").isEqualTo(300);
            assertThat(first.path("amount").path("currency").asText()).isEqualTo("EUR");
            assertThat(first.has("discount")).isFalse();
            assertThat(first.path("customer_id").asText()).isEqualTo(customer);
            assertThat(first.path("voucher_code").asText()).as("as the customer reads it, and as a read shows it")
                    .isEqualTo(code).isEqualTo(server.as(Role.STOREFRONT).get("/v1/redemptions/" + first.path("id").asText()).expect(200)
                            .path("voucher_code").asText());
            checkout.redeemVoucher(code, 700).expect(201);
            Books before = Books.of(server);

            checkout.redeemVoucher(code, 1).expectProblem(422, "insufficient_balance");
            assertThat(Books.of(server)).isEqualTo(before);
            assertThat(checkout.voucher(code).path("status").asText()).isEqualTo("used_up");
            Books.assertReconciled(server);
        }

        @Test
        void shouldRefuseMoreThanIsLeft_AndOtherCurrencies_ChangingNothing() {
            String code = checkout.amountVoucher(customer, 1000);
            Books before = Books.of(server);
            checkout.redeemVoucher(code, 1001).expectProblem(422, "insufficient_balance");
            shop.post("/v1/vouchers/" + code + "/redemptions", Map.of("order_ref", "o-1",
                    "amount", Map.of("amount", 100, "currency", "USD"))).expectProblem(422, "currency_mismatch");
            shop.post("/v1/vouchers/" + code + "/redemptions", Map.of("order_ref", "o-1", "amount", eur(0)))
                    .expectProblem(422, "validation_failed");
            shop.post("/v1/vouchers/" + code + "/redemptions", Map.of("order_ref", "o-1"))
                    .expectProblem(422, "validation_failed");
            shop.post("/v1/vouchers/" + code + "/redemptions", Map.of("amount", eur(5))).expectProblem(422, "validation_failed");
            server.as(Role.AGENT).post("/v1/vouchers/" + code + "/redemptions", Map.of("order_ref", "o-1", "amount", eur(5)))
                    .expectProblem(403, "forbidden");
            assertThat(Books.of(server)).isEqualTo(before);
            assertThat(checkout.voucher(code).path("remaining").path("amount").asLong()).isEqualTo(1000);
        }

        @Test
        void shouldSpendAPercentVoucherOnce_UpToItsCap() {
            String code = checkout.percentVoucher(customer, 15, 2000);
            JsonNode redemption = shop.post("/v1/vouchers/" + code + "/redemptions",
                    Map.of("order_ref", "o-9", "order_total", eur(8000))).expect(201);
            assertThat(redemption.path("amount").path("amount").asLong()).isEqualTo(1200);
            assertThat(redemption.path("order_total").path("amount").asLong()).isEqualTo(8000);

            shop.post("/v1/vouchers/" + code + "/redemptions", Map.of("order_ref", "o-10", "order_total", eur(8000)))
                    .expectProblem(422, "voucher_used_up");
            shop.post("/v1/vouchers/" + checkout.percentVoucher(customer, 15, 2000) + "/redemptions",
                    Map.of("order_ref", "o-11", "amount", eur(100))).expectProblem(422, "validation_failed");
            Books.assertReconciled(server);
        }

        @Test
        void shouldLetExactlyTenOf64ConcurrentEuroRedemptionsThrough_FromATenEuroVoucher() {
            String code = checkout.amountVoucher(customer, 1000);
            List<Reply> replies = Concurrently.run(64, i -> checkout.redeemVoucher(code, 100));

            assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(10);
            assertThat(replies.stream().filter(r -> r.status() != 201))
                    .hasSize(54)
                    .allSatisfy(r -> r.expectProblem(422, "insufficient_balance"));
            assertThat(checkout.voucher(code).path("remaining").path("amount").asLong()).isZero();
            Books.assertReconciled(server);
        }
    }

    @Nested
    class Reversing {
        @Test
        void shouldGiveValueBackToTheVoucher_InPartsUpToWhatWasSpent() {
            String code = checkout.amountVoucher(customer, 1000);
            String id = checkout.redeemVoucher(code, 600).expect(201).path("id").asText();

            JsonNode partial = shop.post("/v1/redemptions/" + id + "/reversals",
                    Map.of("amount", eur(200), "reason", "one item returned")).expect(201);
            assertThat(partial.path("amount_reversed").path("amount").asLong()).isEqualTo(200);
            assertThat(checkout.voucher(code).path("remaining").path("amount").asLong()).isEqualTo(600);

            Books before = Books.of(server);
            shop.post("/v1/redemptions/" + id + "/reversals", Map.of("amount", eur(401)))
                    .expectProblem(422, "reversal_exceeds_redeemed");
            shop.post("/v1/redemptions/" + id + "/reversals", Map.of("points", 5)).expectProblem(422, "validation_failed");
            assertThat(Books.of(server)).isEqualTo(before);

            JsonNode rest = shop.post("/v1/redemptions/" + id + "/reversals", Map.of()).expect(201);
            assertThat(rest.path("amount_reversed").path("amount").asLong()).isEqualTo(600);
            assertThat(rest.path("reversals")).hasSize(2);
            assertThat(checkout.voucher(code).path("remaining").path("amount").asLong()).isEqualTo(1000);
            shop.post("/v1/redemptions/" + id + "/reversals", Map.of()).expectProblem(422, "reversal_exceeds_redeemed");
            assertThat(server.as(Role.FINANCE).get("/v1/redemptions/" + id).expect(200).path("reversals")).hasSize(2);
            shop.get("/v1/redemptions/red_nope").expectProblem(404, "redemption_not_found");
            Books.assertReconciled(server);
        }

        @Test
        void shouldReverseWhatIsLeft_WhenTheRequestHasNoBody() {
            String code = checkout.amountVoucher(customer, 1000);
            String id = checkout.redeemVoucher(code, 600).expect(201).path("id").asText();
            shop.post("/v1/redemptions/" + id + "/reversals", Map.of("amount", eur(100))).expect(201);
            String path = "/v1/redemptions/" + id + "/reversals";
            shop.raw("POST", path, null, null).expectProblem(400, "idempotency_key_missing");

            Reply rest = shop.raw("POST", path, null, null, "Idempotency-Key", "rest-" + id);

            assertThat(rest.expect(201).path("amount_reversed").path("amount").asLong()).isEqualTo(600);
            assertThat(rest.json().path("reversals").get(1).path("amount").path("amount").asLong()).isEqualTo(500);
            assertThat(checkout.voucher(code).path("remaining").path("amount").asLong()).isEqualTo(1000);
            Reply retried = shop.raw("POST", path, "application/json", "{}", "Idempotency-Key", "rest-" + id);
            assertThat(retried.text()).as("{} asks what no body asks").isEqualTo(rest.text());
            Books.assertReconciled(server);
        }

        @Test
        void shouldMakeAPercentVoucherUsableAgain_WhenTheWholeOrderIsRefunded() {
            String code = checkout.percentVoucher(customer, 10, 5000);
            String id = shop.post("/v1/vouchers/" + code + "/redemptions", Map.of("order_ref", "o", "order_total", eur(4000)))
                    .expect(201).path("id").asText();
            shop.post("/v1/redemptions/" + id + "/reversals", Map.of()).expect(201);
            assertThat(checkout.voucher(code).path("usable").asBoolean()).isTrue();
            Books.assertReconciled(server);
        }

        @Test
        void shouldSendValueToExpiry_WhenTheVoucherExpiredBeforeTheRefund() {
            JsonNode grant = server.as(Role.AGENT).post("/v1/grants", com.amends.testing.Bodies.with(
                    com.amends.testing.Bodies.amountVoucherGrant(customer, 1000, "EUR"), "expires_at",
                    server.clock().instant().plus(Duration.ofDays(2)).toString())).expect(201);
            String code = grant.path("voucher").path("code").asText();
            String id = checkout.redeemVoucher(code, 400).expect(201).path("id").asText();
            server.clock().advance(Duration.ofDays(3));
            checkout.runExpiry();

            JsonNode reversed = shop.post("/v1/redemptions/" + id + "/reversals", Map.of()).expect(201);

            assertThat(reversed.path("reversals").get(0).path("expired").asLong()).isEqualTo(400);
            assertThat(checkout.voucher(code).path("remaining").path("amount").asLong()).isZero();
            Books.assertReconciled(server);
        }
    }

    private Api freshStorefront() {
        String secret = server.as(Role.ADMIN).post("/v1/api-keys", Map.of("name", "shop-" + System.nanoTime(),
                "role", "storefront"), null).expect(201).path("secret").asText();
        return server.withSecret(secret);
    }

    /** A code with a valid check character that no voucher has: the known code with two characters swapped in a way that keeps the check. */
    static String unknownButWellFormed(String known) {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        String raw = known.replace("-", "");
        for (int i = 0; ; i++) {
            String candidate = randomPayload(i) ;
            for (char check : alphabet.toCharArray()) {
                String code = candidate + check;
                if (com.amends.voucher.VoucherCodes.checks(code) && !code.equals(raw)) {
                    return code;
                }
            }
        }
    }

    private static String randomPayload(int seed) {
        java.util.Random random = new java.util.Random(System.nanoTime() + seed);
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 19; i++) {
            out.append(alphabet.charAt(random.nextInt(32)));
        }
        return out.toString();
    }
}
