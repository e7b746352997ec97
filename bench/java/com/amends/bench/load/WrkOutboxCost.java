package com.amends.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the outbox costs redeem and grant under wrk, on the warm server of the load benchmark:
 * each scenario with its one webhook endpoint disabled and enabled in turn (off, on, on, off, so
 * that a drift of the shared machine weighs on both sides alike). Every event is written either
 * way; "on" also queues a delivery in the request's transaction, and the server's worker sends it
 * on the same cores while wrk runs.
 */
public final class WrkOutboxCost {
    private WrkOutboxCost() {}

    /** Brackets a phase of the run, e.g. with a profiler. */
    public interface Phase {
        void begin() throws Exception;

        void end() throws Exception;
    }

    /** A phase nobody watches. */
    public static final Phase NOTHING = new Phase() {
        @Override
        public void begin() {}

        @Override
        public void end() {}
    };

    /** @param withEndpoint brackets the first two cells with the endpoint on (redeem's), e.g. to profile them */
    public static String measure(Wrk wrk, HttpTarget http, HttpTarget.Keys keys, String endpointId,
                                 LongSupplier received, int clients, Duration time, int rounds, Phase withEndpoint)
            throws Exception {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nWhat the outbox costs, %d clients, %d s a cell, endpoint off and on in turn (off, on, on, off):%n%n"
                        + "| scenario | without: req/s (each cell) | mean | with an endpoint: req/s (each cell) | mean "
                        + "| with / without | deliveries received while on | target: at most 10 %% |%n"
                        + "|---|---|---:|---|---:|---:|---:|---|%n", clients, time.toSeconds()));
        for (Wrk.Scenario scenario : List.of(Wrk.Scenario.REDEEM, Wrk.Scenario.GRANT)) {
            List<Double> without = new ArrayList<>();
            List<Double> with = new ArrayList<>();
            long deliveries = 0;
            for (int cell = 0; cell < rounds * 2; cell++) {
                boolean on = cell % 4 == 1 || cell % 4 == 2;
                http.patch("/v1/webhook-endpoints/" + endpointId, keys.admin(), Map.of("enabled", on));
                long before = received.getAsLong();
                if (scenario == Wrk.Scenario.REDEEM && cell == 1) {
                    withEndpoint.begin();
                }
                Wrk.Result result = wrk.run(scenario, clients, time);
                if (scenario == Wrk.Scenario.REDEEM && cell == 2) {
                    withEndpoint.end();
                }
                (on ? with : without).add(result.throughput());
                if (on) {
                    deliveries += received.getAsLong() - before;
                }
                System.out.printf(Locale.ROOT, "  outbox %s, endpoint %s: %,.0f/s%n", scenario, on ? "on" : "off",
                        result.throughput());
            }
            double ratio = mean(with) / mean(without);
            out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | %,.0f | %.2f | %,d | %.0f %%: %s |%n",
                    scenario.name().toLowerCase(Locale.ROOT), cells(without), mean(without), cells(with), mean(with),
                    ratio, deliveries, (1 - ratio) * 100, ratio >= 0.9 ? "met" : "NOT MET"));
        }
        http.patch("/v1/webhook-endpoints/" + endpointId, keys.admin(), Map.of("enabled", false));
        return out.toString();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static String cells(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList());
    }
}
