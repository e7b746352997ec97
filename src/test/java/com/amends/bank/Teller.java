package com.amends.bank;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static com.amends.testing.Checkout.eur;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.MutableClock;
import com.amends.testing.Reply;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Carries out the operations of one bank run against a server, from any number of threads at
 * once, and keeps what the run is judged by afterwards: what it made (grants, vouchers, holds,
 * redemptions), how every request was answered, and every balance it read on the way.
 *
 * <p>An answer is either the operation's success, a refusal the operation may meet in a run
 * that spends more than there is, or unexpected; a run with anything unexpected fails.
 */
final class Teller {
    /** What stops spending a voucher that is no longer there to spend. */
    private static final String[] VOUCHER_REFUSALS = {"insufficient_balance", "voucher_expired", "voucher_revoked"};

    record Hold(String id, boolean points) {}

    record Redemption(String id, boolean points) {}

    /** One balance as a read showed it. */
    record Reading(String what, long value) {}

    private final TestServer server;
    private final Api agent;
    private final Api supervisor;
    private final Api shop;
    private final List<String> customers;
    private final List<String> grants = new CopyOnWriteArrayList<>();
    private final List<String> voucherCodes = new CopyOnWriteArrayList<>();
    private final List<Hold> holds = new CopyOnWriteArrayList<>();
    private final List<Redemption> redemptions = new CopyOnWriteArrayList<>();
    private final Queue<String> outcomes = new ConcurrentLinkedQueue<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final Queue<Reading> readings = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> granted = new ConcurrentHashMap<>();
    private final AtomicLong orders = new AtomicLong();

    Teller(TestServer server, List<String> customers) {
        this.server = server;
        this.agent = server.as(Role.AGENT);
        this.supervisor = server.as(Role.SUPERVISOR);
        this.shop = server.as(Role.STOREFRONT);
        this.customers = List.copyOf(customers);
    }

    void perform(Operation operation) {
        operation.applyTo(this);
    }

    void grantPoints(Operation.GrantPoints op) {
        String customer = customer(op.customer());
        Instant expiresAt = server.clock().instant().plus(op.validity());
        if (issue(op, with(pointsGrant(customer, op.points()), "expires_at", expiresAt.toString()), expiresAt) != null) {
            count(customer, "points", op.points());
        }
    }

    void grantVoucher(Operation.GrantVoucher op) {
        String customer = customer(op.customer());
        Instant expiresAt = server.clock().instant().plus(op.validity());
        JsonNode grant = issue(op, with(amountVoucherGrant(customer, op.amount(), "EUR"), "expires_at",
                expiresAt.toString()), expiresAt);
        if (grant != null) {
            voucherCodes.add(grant.path("voucher").path("code").asText());
            count(customer, "EUR", op.amount());
        }
    }

    private JsonNode issue(Operation op, Map<String, Object> body, Instant expiresAt) {
        Reply reply = agent.post("/v1/grants", body);
        if (reply.status() == 422 && code(reply).equals("validation_failed")
                && reply.text().contains("expires_at") && !server.clock().instant().isBefore(expiresAt)) {
            // Another thread moved the clock past the grant's expiry while the request was on its way.
            outcomes.add(label(op) + " expired on the way");
            return null;
        }
        JsonNode grant = answer(op, reply, 201);
        if (grant == null) {
            return null;
        }
        if (!grant.path("status").asText().equals("issued")) {
            unexpected.add(op + " was not issued: " + reply.text());
            return null;
        }
        grants.add(grant.path("id").asText());
        count(grant.path("customer_id").asText(), "grants", 1);
        return grant;
    }

    void redeemPoints(Operation.RedeemPoints op) {
        String customer = customer(op.customer());
        JsonNode redemption = answer(op, shop.post("/v1/customers/" + customer + "/points/redemptions",
                Map.of("order_ref", orderRef(), "points", op.points())), 201, "insufficient_points");
        if (redemption != null) {
            redemptions.add(new Redemption(redemption.path("id").asText(), true));
        }
    }

    void redeemVoucher(Operation.RedeemVoucher op) {
        String code = pick(voucherCodes, op.voucher(), op);
        if (code == null) {
            return;
        }
        JsonNode redemption = answer(op, shop.post("/v1/vouchers/" + code + "/redemptions",
                Map.of("order_ref", orderRef(), "amount", eur(op.amount()))), 201, VOUCHER_REFUSALS);
        if (redemption != null) {
            redemptions.add(new Redemption(redemption.path("id").asText(), false));
        }
    }

    void holdPoints(Operation.HoldPoints op) {
        String customer = customer(op.customer());
        JsonNode hold = answer(op, shop.post("/v1/holds", Map.of("order_ref", orderRef(), "customer_id", customer,
                "points", op.points(), "ttl_seconds", op.ttlSeconds())), 201, "insufficient_points");
        if (hold != null) {
            holds.add(new Hold(hold.path("id").asText(), true));
        }
    }

    void holdVoucher(Operation.HoldVoucher op) {
        String code = pick(voucherCodes, op.voucher(), op);
        if (code == null) {
            return;
        }
        JsonNode hold = answer(op, shop.post("/v1/holds", Map.of("order_ref", orderRef(), "voucher_code", code,
                "amount", eur(op.amount()), "ttl_seconds", op.ttlSeconds())), 201, VOUCHER_REFUSALS);
        if (hold != null) {
            holds.add(new Hold(hold.path("id").asText(), false));
        }
    }

    void capture(Operation.Capture op) {
        Hold hold = pick(holds, op.hold(), op);
        if (hold == null) {
            return;
        }
        Map<String, Object> body = op.part() == null ? Map.of()
                : hold.points() ? Map.of("points", op.part()) : Map.of("amount", eur(op.part()));
        JsonNode captured = answer(op, shop.post("/v1/holds/" + hold.id() + "/capture", body), 200,
                "hold_not_active", "capture_exceeds_hold");
        if (captured != null) {
            redemptions.add(new Redemption(captured.path("redemption_id").asText(), hold.points()));
        }
    }

    void release(Operation.Release op) {
        Hold hold = pick(holds, op.hold(), op);
        if (hold != null) {
            answer(op, shop.post("/v1/holds/" + hold.id() + "/release", Map.of()), 200, "hold_not_active");
        }
    }

    void reverse(Operation.Reverse op) {
        Redemption redemption = pick(redemptions, op.redemption(), op);
        if (redemption == null) {
            return;
        }
        Map<String, Object> body = new HashMap<>(Map.of("reason", "order refunded"));
        if (op.part() != null) {
            body.put(redemption.points() ? "points" : "amount", redemption.points() ? op.part() : eur(op.part()));
        }
        answer(op, shop.post("/v1/redemptions/" + redemption.id() + "/reversals", body), 201,
                "reversal_exceeds_redeemed");
    }

    void revoke(Operation.Revoke op) {
        String grant = pick(grants, op.grant(), op);
        if (grant != null) {
            answer(op, supervisor.post("/v1/grants/" + grant + "/revoke", Map.of("reason", "given by mistake")), 200,
                    "grant_not_revocable");
        }
    }

    void moveClock(Operation.MoveClock op) {
        MutableClock clock = server.clock();
        synchronized (clock) { // advancing reads and then writes the time; two threads must not lose a step
            clock.advance(op.by());
        }
        Reply reply = runExpiry();
        if (reply.status() == 200) {
            outcomes.add(label(op) + " ok");
        } else {
            unexpected.add(op + " expiry answered " + reply.status() + ": " + reply.text());
        }
    }

    void readWallet(Operation.ReadWallet op) {
        String customer = customer(op.customer());
        JsonNode wallet = answer(op, agent.get("/v1/customers/" + customer), 200);
        if (wallet == null) {
            return;
        }
        JsonNode points = wallet.path("points");
        for (String field : List.of("available", "held", "expiring_soon")) {
            readings.add(new Reading(customer + " points " + field, points.path(field).asLong()));
        }
        for (JsonNode voucher : wallet.path("vouchers")) {
            readings.add(new Reading("wallet voucher " + voucher.path("id").asText(),
                    voucher.path("remaining").path("amount").asLong()));
        }
    }

    void readVoucher(Operation.ReadVoucher op) {
        String code = pick(voucherCodes, op.voucher(), op);
        if (code == null) {
            return;
        }
        JsonNode check = answer(op, shop.get("/v1/vouchers/" + code), 200);
        if (check != null) {
            readings.add(new Reading("voucher " + code, check.path("remaining").path("amount").asLong()));
        }
    }

    /** Runs expiry once more without moving the clock, so that nothing past its time is left for later. */
    Reply runExpiry() {
        return server.adminPort().raw("POST", "/tasks/expire", null, "");
    }

    /**
     * Records the answer: the operation's success (answered as JSON), a refusal it may meet
     * (null), or anything else as unexpected (null).
     */
    private JsonNode answer(Operation op, Reply reply, int success, String... refusals) {
        if (reply.status() == success) {
            outcomes.add(label(op) + " ok");
            return reply.json();
        }
        String code = code(reply);
        if (reply.status() >= 400 && reply.status() < 500 && List.of(refusals).contains(code)) {
            outcomes.add(label(op) + " " + code);
        } else {
            unexpected.add(op + " answered " + reply.status() + ": " + reply.text());
        }
        return null;
    }

    private static String code(Reply reply) {
        String type = reply.contentType();
        return type != null && type.startsWith("application/problem+json") ? reply.json().path("code").asText() : "";
    }

    /** The pick-th of what the run has made so far, or null (recorded) when it has made none yet. */
    private <T> T pick(List<T> made, int pick, Operation op) {
        List<T> snapshot = new ArrayList<>(made);
        if (snapshot.isEmpty()) {
            outcomes.add(label(op) + " nothing to act on");
            return null;
        }
        return snapshot.get(pick % snapshot.size());
    }

    private String customer(int pick) {
        return customers.get(pick % customers.size());
    }

    private static String label(Operation op) {
        return op.getClass().getSimpleName();
    }

    private String orderRef() {
        return "order-" + orders.incrementAndGet() + "-" + customers.get(0);
    }

    private void count(String customer, String what, long amount) {
        granted.computeIfAbsent(customer + " " + what, k -> new LongAdder()).add(amount);
    }

    List<String> customers() {
        return customers;
    }

    List<String> redemptions() {
        return redemptions.stream().map(Redemption::id).toList();
    }

    List<String> outcomes() {
        return List.copyOf(outcomes);
    }

    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    List<Reading> readings() {
        return List.copyOf(readings);
    }

    /** What the answers said was granted to the customer: "points", "EUR", or the number of "grants". */
    long granted(String customer, String what) {
        LongAdder total = granted.get(customer + " " + what);
        return total == null ? 0 : total.sum();
    }
}
