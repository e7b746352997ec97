package com.amends.platform;

import io.dropwizard.core.setup.Environment;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Keeps slow clients from stopping the API: bodies are read before a request takes a thread
 * ({@link BodyBuffer}, on both ports), and the API port holds a bounded number of connections (the
 * admin port is left out, so that health checks and metrics answer while the API is flooded). A
 * connection that sends nothing ends at its connector's {@code idleTimeout}.
 *
 * <p>The buffer goes inside graceful shutdown (a request being read is in flight) and inside the
 * inflation of gzipped bodies (the limit counts what the application would read), and above the
 * servlet contexts and their metrics, whose names and counts stay as they were.
 */
public final class SlowClients {
    /** The name Dropwizard gives the admin port's connector. */
    private static final String ADMIN_CONNECTOR = "admin";

    private SlowClients() {}

    public static void protect(Environment environment, ConnectionSettings settings, long maxBodyBytes) {
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    insert(server, new BodyBuffer(maxBodyBytes, settings.getBodyTimeout().toJavaDuration(),
                            settings.getBodyMemory().toBytes()));
                    Connector[] api = Arrays.stream(server.getConnectors())
                            .filter(connector -> !ADMIN_CONNECTOR.equals(connector.getName())).toArray(Connector[]::new);
                    server.addBean(new NetworkConnectionLimit(settings.getMaxConnections(), api));
                }
            }
        });
    }

    private static void insert(Server server, Handler.Wrapper buffer) {
        Handler.Wrapper parent = server;
        while (parent.getHandler() instanceof GracefulHandler || parent.getHandler() instanceof GzipHandler) {
            parent = (Handler.Wrapper) parent.getHandler();
        }
        buffer.setHandler(parent.getHandler());
        parent.setHandler(buffer);
    }
}
