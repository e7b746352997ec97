package com.amends.platform.openapi;

import com.amends.platform.WebJars;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.assets.AssetServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

/**
 * The interactive API docs at /docs: our page and its initializer (assets/docs), and Swagger UI's
 * files from its WebJar under /docs/swagger-ui, all from the jar. They are servlets beside
 * Jersey, so the bearer filter never sees them: the page, like the document it loads, needs no key.
 */
public final class ApiDocs {
    /**
     * What Swagger UI needs and no more (checked in a browser: no violation through Authorize,
     * a reload and "Try it out"): its scripts and styles from here, its icons as data: images,
     * the spec and the tried requests from this server. It styles through the CSSOM, which
     * style-src does not restrict, so no 'unsafe-inline'.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ApiDocs() {}

    public static void serve(Environment environment) {
        var servlets = environment.servlets();
        servlets.addServlet("docs", new AssetServlet("/assets/docs", "/docs", "index.html", StandardCharsets.UTF_8))
                .addMapping("/docs", "/docs/*");
        servlets.addServlet("swagger-ui", new AssetServlet("/" + WebJars.folder("org.webjars", "swagger-ui"), "/docs/swagger-ui", null,
                StandardCharsets.UTF_8)).addMapping("/docs/swagger-ui/*");
        servlets.addFilter("docs-headers", new Headers())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/docs", "/docs/*");
    }

    private static final class Headers implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("Referrer-Policy", "no-referrer");
            chain.doFilter(request, response);
        }
    }
}
