package com.amends.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook consumer that does nothing but count: it reads the body and answers 204 at once,
 * on a pool of threads. It keeps the first bodies it gets, so that a plain client can send the
 * same ones. The JDK's server delays small answers (Nagle's algorithm against the client's
 * delayed acknowledgement, about 40 ms a request) unless {@code sun.net.httpserver.nodelay} is
 * set before it starts, which {@link #start} does.
 */
final class FastReceiver implements AutoCloseable {
    static final String PATH = "/webhooks";
    private static final byte[] OK = {'o', 'k'};

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong received = new AtomicLong();
    private final List<byte[]> kept = new ArrayList<>();
    private final int keep;
    private final boolean answerBody;

    private FastReceiver(int threads, int keep, boolean answerBody) throws IOException {
        this.answerBody = answerBody;
        this.keep = keep;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "receiver");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(PATH, exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            synchronized (kept) {
                if (kept.size() < this.keep) {
                    kept.add(body);
                }
            }
            if (this.answerBody) {
                // Headers and body go out in two writes: with Nagle on, the second waits for an acknowledgement.
                exchange.sendResponseHeaders(200, 2);
                exchange.getResponseBody().write(OK);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
            received.incrementAndGet();
        });
        server.start();
    }

    static FastReceiver start(int threads, int keep) throws IOException {
        return start(threads, keep, true, false);
    }

    /**
     * With {@code noDelay} false, the JDK server's default, and {@code answerBody} (200 "ok"
     * instead of 204), to show what the delay costs.
     */
    static FastReceiver start(int threads, int keep, boolean noDelay, boolean answerBody) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", Boolean.toString(noDelay));
        return new FastReceiver(threads, keep, answerBody);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    long received() {
        return received.get();
    }

    List<byte[]> kept() {
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
