package com.amends.platform;

import com.amends.voucher.VoucherCodes;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.request.logging.LogbackAccessRequestLogAwareHandler;
import io.dropwizard.request.logging.RequestLogFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * The access log, with voucher codes in paths masked. A code is a bearer credential: whoever
 * reads it can spend it, so it must not end up in log files that many people can read.
 */
public final class MaskedRequestLog implements RequestLog {
    private static final Pattern VOUCHER_PATH = Pattern.compile("^(/v1/vouchers/)([^/]+)(.*)$");

    private final RequestLog delegate;

    public MaskedRequestLog(RequestLog delegate) {
        this.delegate = delegate;
    }

    /**
     * Puts the masking in front of the configured access log. Call it from the application's
     * run, before the server is built from the configuration.
     */
    public static void install(ServerFactory serverFactory, Environment environment) {
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
                return new MaskedRequestLog(configured.build(name));
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

    static String mask(String path) {
        Matcher matcher = VOUCHER_PATH.matcher(path);
        return matcher.matches() ? matcher.group(1) + VoucherCodes.masked(matcher.group(2)) + matcher.group(3) : path;
    }
}
