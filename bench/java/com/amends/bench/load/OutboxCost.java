package com.amends.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the outbox costs the requests that write events: each scenario at each concurrency with
 * no endpoint that wants its events, then with one endpoint for every type, on the same server
 * in the same run. The endpoint is switched off and on with PATCH between cells (a disabled
 * endpoint gets no deliveries queued), in the order off, on, on, off, ... so that a drift of the
 * shared machine over the run weighs on both sides alike. "With" includes the server's delivery
 * worker sending each event to the receiver, on the same cores.
 */
public final class OutboxCost {
    private record Cell(Scenario scenario, int clients, List<Load.Result> without, List<Load.Result> with,
                        long deliveries) {
        double mean(List<Load.Result> results) {
            return results.stream().mapToDouble(Load.Result::throughput).average().orElse(0);
        }

        double ratio() {
            return mean(with) / mean(without);
        }
    }

    private OutboxCost() {}

    /**
     * @param endpointId an endpoint already registered for every type
     * @param received   how many deliveries the receiver has had
     */
    public static String measure(HttpTarget http, HttpTarget.Keys keys, Seeded data, String endpointId,
                                 LongSupplier received, List<Integer> clientCounts, List<Scenario> scenarios,
                                 int rounds, Duration warmUp, Duration measure) throws Exception {
        List<Cell> cells = new ArrayList<>();
        for (int clients : clientCounts) {
            for (Scenario scenario : scenarios) {
                List<Load.Result> without = new ArrayList<>();
                List<Load.Result> with = new ArrayList<>();
                long deliveries = 0;
                for (int i = 0; i < rounds * 2; i++) {
                    // off, on, on, off, off, on, ...
                    boolean on = (i % 4 == 1) || (i % 4 == 2);
                    http.patch("/v1/webhook-endpoints/" + endpointId, keys.admin(), Map.of("enabled", on));
                    long before = received.getAsLong();
                    Load.Result result = Load.run(clients, warmUp, measure, random -> scenario.send(http, data, random));
                    (on ? with : without).add(result);
                    if (on) {
                        deliveries += received.getAsLong() - before;
                    }
                    result.errorSamples().forEach(e -> System.out.println("    error: " + e));
                }
                Cell cell = new Cell(scenario, clients, without, with, deliveries);
                cells.add(cell);
                System.out.print("  measured " + row(cell));
            }
        }
        http.patch("/v1/webhook-endpoints/" + endpointId, keys.admin(), Map.of("enabled", false));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Outbox cost: each cell %d s measured after %d s of warm-up, %d times without an endpoint and %d times "
                        + "with one for every type (order off, on, on, off, ...); req/s%n%n", measure.toSeconds(),
                warmUp.toSeconds(), rounds, rounds));
        out.append("| scenario | clients | without: req/s (each run) | mean | with an endpoint: req/s (each run) | mean "
                + "| with / without | deliveries received during the runs with |\n");
        out.append("|---|---:|---|---:|---|---:|---:|---:|\n");
        cells.forEach(cell -> out.append(row(cell)));
        out.append('\n');
        for (Cell cell : cells) {
            out.append(String.format(Locale.ROOT, "  %-62s %-12s %s%n", "outbox costs " + cell.scenario.label() + " at "
                    + cell.clients + " clients at most 10 %", String.format(Locale.ROOT, "%.0f %%",
                    (1 - cell.ratio()) * 100), cell.ratio() >= 0.9 ? "met" : "NOT MET"));
        }
        return out.toString();
    }

    private static String row(Cell cell) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %,.0f | %s | %,.0f | %.2f | %,d |%n", cell.scenario.label(),
                cell.clients, each(cell.without), cell.mean(cell.without), each(cell.with), cell.mean(cell.with),
                cell.ratio(), cell.deliveries);
    }

    private static String each(List<Load.Result> results) {
        return String.join(", ", results.stream()
                .map(r -> String.format(Locale.ROOT, "%,.0f", r.throughput())).toList());
    }
}
