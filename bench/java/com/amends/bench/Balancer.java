package com.amends.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * HAProxy (Debian's package) in front of server instances, as a child process: round robin, each
 * instance's admin health check every half second, and a request whose connection to an instance
 * fails sent to another ({@code option redispatch}). A request an instance took and then died
 * with is answered 502 by the balancer, as in production: the client retries it with its key.
 */
final class Balancer implements AutoCloseable {
    private final Process process;
    private final int port;

    private Balancer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Balancer start(Path dir, List<ServerJar> instances) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < instances.size(); i++) {
            ServerJar instance = instances.get(i);
            servers.append("  server amends").append(i + 1).append(" 127.0.0.1:").append(instance.port())
                    .append(" check port ").append(instance.adminPort()).append(" inter 500 fall 2 rise 2\n");
        }
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, """
                global
                  maxconn 4096
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 60s
                  timeout server 60s
                  retries 3
                  option redispatch
                frontend amends
                  bind 127.0.0.1:%d
                  default_backend instances
                backend instances
                  balance roundrobin
                  option httpchk GET /healthcheck
                %s""".formatted(port, servers));
        Process process = new ProcessBuilder("haproxy", "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("haproxy.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return new Balancer(process, port);
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("HAProxy did not start; see " + dir.resolve("haproxy.log"));
                }
                Thread.sleep(50);
            }
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
