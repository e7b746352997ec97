package com.amends.platform;

import static com.amends.testing.Bodies.pointsGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Bodies;
import com.amends.testing.Checkout;
import com.amends.testing.OwnServerFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What one request costs the database, counted as the database receives it (statements with
 * BEGIN and COMMIT, and commits; see StatementCounter): a regression in the path of a redemption
 * or a grant shows here as a number, where a benchmark on a shared machine would hide it in noise.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class RequestCostApiTest extends OwnServerFixture {
    private Checkout checkout;
    private String customer;
    private String code;

    /*
     * Statements at most, BEGIN and COMMIT included, as PostgreSQL receives them (H2 may run one
     * fewer where its SQL differs), counting the read of the webhook endpoints that the outbox
     * makes at most once a second. Lower them when a change lowers the count.
     */
    private static final long POINTS_REDEMPTION = 15;
    private static final long VOUCHER_REDEMPTION = 14;
    private static final long POINTS_GRANT = 18;
    private static final long VALIDATE = 1;

    record Cost(long statements, long commits) {}

    @BeforeEach
    void counting() {
        // Before its first start; the server is the class's own. Its keys are kept for the whole
        // test, so that a slow machine does not count a key's read now and then.
        server.setting("countStatements", "true").setting("apiKeyCache", "1 hour").setting("settingsCache", "1 hour");
        checkout = new Checkout(server);
        customer = Bodies.newCustomer();
        checkout.points(customer, 10_000, java.time.Duration.ofDays(30));
        code = checkout.amountVoucher(customer, 10_000);
        // Once each, so that nothing the first call of a kind does once (a cache filled) is counted.
        checkout.redeemPoints(customer, 1);
        checkout.redeemVoucher(code, 1).expect(201);
        checkout.voucher(code);
    }

    @Test
    void shouldRedeemPoints_InOneCommitAndFewStatements() {
        Cost cost = cost(() -> checkout.redeemPoints(customer, 5));
        assertThat(cost.statements()).isLessThanOrEqualTo(POINTS_REDEMPTION);
        assertThat(cost.commits()).isEqualTo(1);
    }

    @Test
    void shouldRedeemAVoucher_InOneCommitAndFewStatements() {
        Cost cost = cost(() -> checkout.redeemVoucher(code, 5).expect(201));
        assertThat(cost.statements()).isLessThanOrEqualTo(VOUCHER_REDEMPTION);
        assertThat(cost.commits()).isEqualTo(1);
    }

    @Test
    void shouldGrantPoints_InOneCommitAndFewStatements() {
        Cost cost = cost(() -> server.as(Role.AGENT).post("/v1/grants", pointsGrant(customer, 5)).expect(201));
        assertThat(cost.statements()).isLessThanOrEqualTo(POINTS_GRANT);
        assertThat(cost.commits()).isEqualTo(1);
    }

    @Test
    void shouldValidateAVoucher_InOneStatement() {
        Cost cost = cost(() -> checkout.voucher(code));
        assertThat(cost.statements()).isLessThanOrEqualTo(VALIDATE);
        assertThat(cost.commits()).isEqualTo(0);
    }

    /** What the request costs, less what reading the counters costs (a gauge of the metrics reads the database). */
    private Cost cost(Runnable request) {
        Cost reading = measured(() -> { });
        Cost total = measured(request);
        return new Cost(total.statements - reading.statements, total.commits - reading.commits);
    }

    private Cost measured(Runnable request) {
        Cost before = counters();
        request.run();
        Cost after = counters();
        return new Cost(after.statements - before.statements, after.commits - before.commits);
    }

    private Cost counters() {
        JsonNode counters = server.adminPort().get("/metrics").expect(200).path("counters");
        return new Cost(counters.path(StatementCounter.STATEMENTS).path("count").asLong(),
                counters.path(StatementCounter.COMMITS).path("count").asLong());
    }
}
