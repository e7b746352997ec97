package com.amends.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a fresh database through the API: customers with points and an amount voucher each,
 * more than any run spends, and one hot customer with a hot voucher. Grants are made by a
 * supervisor so that no approval rule holds them back.
 */
public final class Seeding {
    static final long POINTS_EACH = 1_000_000;
    static final long VOUCHER_CENTS_EACH = 1_000_000;
    private static final long HOT_POINTS = 100_000_000;
    private static final long HOT_VOUCHER_CENTS = 100_000_000;

    private Seeding() {}

    public static Seeded seed(HttpTarget http, HttpTarget.Keys keys, int customers) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            ids.add("cust-" + run + "-" + i);
        }
        List<String> codes = inParallel(ids, id -> {
            grant(http, keys, id, Map.of("points", POINTS_EACH));
            return voucher(http, keys, id, VOUCHER_CENTS_EACH);
        });
        String hot = "hot-" + run;
        grant(http, keys, hot, Map.of("points", HOT_POINTS));
        return new Seeded(ids, codes, hot, voucher(http, keys, hot, HOT_VOUCHER_CENTS));
    }

    /** {@code entries} journal entries in one customer's history: grants and redemptions, half each. */
    public static void history(HttpTarget http, HttpTarget.Keys keys, String customerId, int entries) throws Exception {
        grant(http, keys, customerId, Map.of("points", 1_000));
        List<Integer> pairs = new ArrayList<>();
        for (int i = 1; i < entries / 2; i++) {
            pairs.add(i);
        }
        inParallel(pairs, i -> {
            if (http.grantPoints(customerId, "agent-" + i % 200, 2) != Outcome.OK
                    || http.redeemPoints(customerId, 1) != Outcome.OK) {
                throw new IllegalStateException("history for " + customerId + " refused");
            }
            return null;
        });
    }

    private static JsonNode grant(HttpTarget http, HttpTarget.Keys keys, String customerId, Map<String, Object> reward)
            throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("customer_id", customerId, "agent_id", "lead-1",
                "reason_code", "DAMAGED_ITEM", "case_ref", "ZD-" + UUID.randomUUID(), "channel", "phone"));
        body.putAll(reward);
        JsonNode grant = http.create("/v1/grants", keys.supervisor(), body);
        if (!grant.path("status").asText().equals("issued")) {
            throw new IllegalStateException("A seeding grant was not issued: " + grant);
        }
        return grant;
    }

    private static String voucher(HttpTarget http, HttpTarget.Keys keys, String customerId, long cents) throws Exception {
        return grant(http, keys, customerId, Map.of("voucher", Map.of("type", "amount",
                "value", Map.of("amount", cents, "currency", "EUR")))).path("voucher").path("code").asText();
    }

    interface Task<T, R> {
        R run(T item) throws Exception;
    }

    private static <T, R> List<R> inParallel(List<T> items, Task<T, R> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> task.run(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
