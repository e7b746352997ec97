package com.amends.testing;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.percentVoucherGrant;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;

import com.amends.auth.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/** Setting up what checkout spends: vouchers and points lots, given by an agent. */
public final class Checkout {
    private final TestServer server;

    public Checkout(TestServer server) {
        this.server = server;
    }

    /** Issues an amount voucher and answers its code. */
    public String amountVoucher(String customer, long amount) {
        return server.as(Role.AGENT).post("/v1/grants", amountVoucherGrant(customer, amount, "EUR")).expect(201)
                .path("voucher").path("code").asText();
    }

    public String percentVoucher(String customer, int percent, long cap) {
        return server.as(Role.AGENT).post("/v1/grants", percentVoucherGrant(customer, percent, cap)).expect(201)
                .path("voucher").path("code").asText();
    }

    /** Grants points expiring after the given time; answers the grant. */
    public JsonNode points(String customer, long points, Duration expiresIn) {
        return server.as(Role.AGENT).post("/v1/grants", with(pointsGrant(customer, points), "expires_at",
                server.clock().instant().plus(expiresIn).toString())).expect(201);
    }

    public JsonNode wallet(String customer) {
        return server.as(Role.AGENT).get("/v1/customers/" + customer).expect(200);
    }

    public long available(String customer) {
        return wallet(customer).path("points").path("available").asLong();
    }

    public JsonNode redeemPoints(String customer, long points) {
        return server.as(Role.STOREFRONT).post("/v1/customers/" + customer + "/points/redemptions",
                Map.of("order_ref", "order-" + System.nanoTime(), "points", points)).expect(201);
    }

    public Reply redeemVoucher(String code, long amount) {
        return server.as(Role.STOREFRONT).post("/v1/vouchers/" + code + "/redemptions",
                Map.of("order_ref", "order-" + System.nanoTime(), "amount", Map.of("amount", amount, "currency", "EUR")));
    }

    public JsonNode voucher(String code) {
        return server.as(Role.STOREFRONT).get("/v1/vouchers/" + code).expect(200);
    }

    /** Runs expiry now, as the admin task does. */
    public void runExpiry() {
        Reply reply = server.adminPort().raw("POST", "/tasks/expire", null, "");
        if (reply.status() != 200) {
            throw new AssertionError("expiry task answered " + reply.status() + ": " + reply.text());
        }
    }

    public static Map<String, Object> eur(long amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }
}
