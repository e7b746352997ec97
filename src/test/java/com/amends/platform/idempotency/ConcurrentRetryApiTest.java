package com.amends.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.ledger.Accounts;
import com.amends.testing.CheckoutFixture;
import com.amends.testing.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A retry sent while the first request with its Idempotency-Key is still running waits for it
 * and gets its answer: the claim, the effect and the answer commit together, so there is no
 * moment at which the retry could see a claim without an answer.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class ConcurrentRetryApiTest extends CheckoutFixture {

    @Test
    void shouldWaitForTheFirstRequest_AndReplayItsAnswer_WhenARetryArrivesWhileItRuns() throws Exception {
        checkout.points(customer, 1_000, Duration.ofDays(30));
        Map<String, Object> body = Map.of("order_ref", "order-slow", "points", 300);
        String path = "/v1/customers/" + customer + "/points/redemptions";
        CompletableFuture<Reply> first;
        CompletableFuture<Reply> retry;
        // Holding the customer's points account keeps the first request inside its transaction.
        try (Handle blocker = server.jdbi().open()) {
            blocker.begin();
            blocker.createQuery("SELECT balance FROM accounts WHERE id = :id FOR UPDATE")
                    .bind("id", Accounts.points(customer)).mapTo(Long.class).one();
            first = CompletableFuture.supplyAsync(() -> shop.post(path, body, "slow-" + customer));
            Thread.sleep(300);
            retry = CompletableFuture.supplyAsync(() -> shop.post(path, body, "slow-" + customer));
            Thread.sleep(300);
            assertThat(first).isNotDone();
            assertThat(retry).as("the retry waits for the first request").isNotDone();
            blocker.commit();
        }

        Reply answered = first.get(30, TimeUnit.SECONDS);
        Reply replayed = retry.get(30, TimeUnit.SECONDS);
        assertThat(answered.status()).as(answered.text()).isEqualTo(201);
        assertThat(replayed.status()).as(replayed.text()).isEqualTo(201);
        assertThat(replayed.text()).isEqualTo(answered.text());
        assertThat(replayed.header(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(checkout.available(customer)).isEqualTo(700);
    }

    @Test
    void shouldRefuseTheRetry_WhenItWaitedForARequestWithAnotherBody() throws Exception {
        checkout.points(customer, 1_000, Duration.ofDays(30));
        String path = "/v1/customers/" + customer + "/points/redemptions";
        CompletableFuture<Reply> first;
        CompletableFuture<Reply> other;
        try (Handle blocker = server.jdbi().open()) {
            blocker.begin();
            blocker.createQuery("SELECT balance FROM accounts WHERE id = :id FOR UPDATE")
                    .bind("id", Accounts.points(customer)).mapTo(Long.class).one();
            first = CompletableFuture.supplyAsync(() -> shop.post(path,
                    Map.of("order_ref", "order-a", "points", 100), "shared-" + customer));
            Thread.sleep(300);
            other = CompletableFuture.supplyAsync(() -> shop.post(path,
                    Map.of("order_ref", "order-b", "points", 200), "shared-" + customer));
            Thread.sleep(300);
            blocker.commit();
        }

        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        other.get(30, TimeUnit.SECONDS).expectProblem(422, "idempotency_key_reused");
        assertThat(checkout.available(customer)).isEqualTo(900);
    }
}
