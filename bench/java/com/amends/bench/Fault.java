package com.amends.bench;

import java.io.IOException;
import java.util.List;

/** What a round of the crash test does to the service while its clients run, and how it comes back. */
interface Fault {
    /** For the table's title. */
    String describe();

    /**
     * Whether the service still answers during the fault (with refusals: a 503, a balancer's
     * 502), so that a client retries in place with the same key until its request has a final
     * answer; if not, the first request without an answer ends the client's round and is retried
     * after {@link #recover()}.
     */
    boolean retriedInPlace();

    /** Does it while the clients run; returns once what it took away is back, or at once for a kill. */
    void inject() throws Exception;

    /** After the clients stopped: brings back what {@link #inject()} left down. */
    void recover() throws Exception;

    /** Where clients send their requests. */
    int port();

    /** kill -9 of the one server, started again after the clients stopped. */
    static Fault serverKill(ServerJar server) {
        return new Fault() {
            public String describe() {
                return "kill -9 of the server at a random moment 1-4 s into each round, started again after it";
            }

            public boolean retriedInPlace() {
                return false;
            }

            public void inject() throws InterruptedException {
                server.kill();
            }

            public void recover() throws IOException, InterruptedException {
                server.start();
            }

            public int port() {
                return server.port();
            }
        };
    }

    /**
     * The database stopped (a fast shutdown, as a restart or a failover does) for some seconds and
     * started again, through a command that takes {@code stop} or {@code start}; the server stays up.
     */
    static Fault databaseOutage(ServerJar server, String control, int seconds) {
        return new Fault() {
            public String describe() {
                return seconds == 0 ? "PostgreSQL restarted (fast shutdown, then start) 1-4 s into each round"
                        : "PostgreSQL stopped for " + seconds + " s 1-4 s into each round, then started";
            }

            public boolean retriedInPlace() {
                return true;
            }

            public void inject() throws IOException, InterruptedException {
                run(control, "stop");
                Thread.sleep(seconds * 1_000L);
                run(control, "start");
            }

            public void recover() {
                // Nothing is left down: the server recovers by itself, which is what the round measures.
            }

            public int port() {
                return server.port();
            }
        };
    }

    /** kill -9 of the first of two instances behind the balancer, started again after the clients stopped. */
    static Fault instanceKill(ServerJar victim, Balancer balancer) {
        return new Fault() {
            public String describe() {
                return "kill -9 of one of two instances behind HAProxy 1-4 s into each round, started again after it";
            }

            public boolean retriedInPlace() {
                return true;
            }

            public void inject() throws InterruptedException {
                victim.kill();
            }

            public void recover() throws IOException, InterruptedException {
                victim.start();
            }

            public int port() {
                return balancer.port();
            }
        };
    }

    private static void run(String control, String action) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("bash", "-c", control + " " + action)).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(control + " " + action + " failed:\n" + output);
        }
    }
}
