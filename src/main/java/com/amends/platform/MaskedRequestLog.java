package com.amends.platform;

import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.request.logging.LogbackAccessRequestLogAwareHandler;
import io.dropwizard.request.logging.RequestLogFactory;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * The access log, with secrets in paths masked. A bearer credential in a path (a voucher code)
 * lets whoever reads it spend it, so it must not end up in log files that many people can read.
 * Which part of a path is secret, and how it is shown instead, is the application's to say.
 */
public final class MaskedRequestLog implements RequestLog {
    private final RequestLog delegate;
    private final Pattern secretInPath;
    private final UnaryOperator<String> masked;

    /**
     * @param secretInPath matches the start of a path that holds a secret, in its first group
     * @param masked       what the log shows instead of the secret
     */
    public MaskedRequestLog(RequestLog delegate, Pattern secretInPath, UnaryOperator<String> masked) {
        this.delegate = delegate;
        this.secretInPath = secretInPath;
        this.masked = masked;
    }

    /**
     * Puts the masking in front of the configured access log. Call it from the application's
     * run, before the server is built from the configuration.
     */
    public static void install(ServerFactory serverFactory, Environment environment, Pattern secretInPath,
                               UnaryOperator<String> masked) {
        if (!(serverFactory instanceof AbstractServerFactory factory) || !factory.getRequestLogFactory().isEnabled()) {
            return;
        }
        RequestLogFactory<?> configured = factory.getRequestLogFactory();
        factory.setRequestLogFactory(new RequestLogFactory<RequestLog>() {
            @Override
            public boolean isEnabled() {
                return true;
            }

            @Override
            public RequestLog build(String name) {
                return new MaskedRequestLog(configured.build(name), secretInPath, masked);
            }
        });
        // Dropwizard adds this handler only when it sees its own log class; the log needs it to
        // read the servlet request's details.
        environment.getApplicationContext().insertHandler(new LogbackAccessRequestLogAwareHandler());
    }

    @Override
    public void log(Request request, Response response) {
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        String masked = path == null ? null : mask(path);
        if (masked == null || masked.equals(path)) {
            delegate.log(request, response);
            return;
        }
        HttpURI maskedUri = HttpURI.build(uri).path(masked).asImmutable();
        delegate.log(new Request.Wrapper(request) {
            @Override
            public HttpURI getHttpURI() {
                return maskedUri;
            }
        }, response);
    }

    String mask(String path) {
        Matcher matcher = secretInPath.matcher(path);
        if (!matcher.lookingAt()) {
            return path;
        }
        return path.substring(0, matcher.start(1)) + masked.apply(matcher.group(1)) + path.substring(matcher.end(1));
    }
}
