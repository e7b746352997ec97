package com.amends.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.HdrHistogram.Histogram;

/**
 * A closed loop: a fixed number of clients, each sending its next request when the last one
 * is answered, for a fixed time after a warm-up. Latencies go into one HdrHistogram per client
 * (no lock on the hot path), merged at the end.
 */
public final class Load {
    private static final long HIGHEST_MICROS = Duration.ofMinutes(1).toNanos() / 1_000;

    /** One request; the random source is the client's own. */
    @FunctionalInterface
    public interface Call {
        Outcome send(SplittableRandom random) throws Exception;
    }

    public record Result(int clients, double seconds, long ok, long refused, long errors, Histogram latencies,
                         List<String> errorSamples) {
        public double throughput() {
            return (ok + refused) / seconds;
        }

        /** Milliseconds at a percentile. */
        public double millis(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1_000.0;
        }
    }

    private Load() {}

    public static Result run(int clients, Duration warmUp, Duration measure, Call call) throws InterruptedException {
        Histogram[] histograms = new Histogram[clients];
        long[][] counts = new long[clients][3];
        ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            histograms[i] = new Histogram(HIGHEST_MICROS, 3);
            Thread thread = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(client * 7919L + System.nanoTime());
                try {
                    while (true) {
                        long sent = System.nanoTime();
                        if (sent >= end) {
                            return;
                        }
                        Outcome outcome;
                        try {
                            outcome = call.send(random);
                        } catch (Exception e) {
                            outcome = Outcome.ERROR;
                            if (samples.size() < 5) {
                                samples.add(e.toString());
                            }
                        }
                        long answered = System.nanoTime();
                        if (sent >= measureFrom && answered <= end) {
                            histograms[client].recordValue(Math.min(HIGHEST_MICROS, (answered - sent) / 1_000));
                            counts[client][outcome.ordinal()]++;
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        done.await();
        Histogram all = new Histogram(HIGHEST_MICROS, 3);
        long ok = 0;
        long refused = 0;
        long errors = 0;
        for (int i = 0; i < clients; i++) {
            all.add(histograms[i]);
            ok += counts[i][Outcome.OK.ordinal()];
            refused += counts[i][Outcome.REFUSED.ordinal()];
            errors += counts[i][Outcome.ERROR.ordinal()];
        }
        return new Result(clients, measure.toNanos() / 1e9, ok, refused, errors, all, List.copyOf(samples));
    }
}
