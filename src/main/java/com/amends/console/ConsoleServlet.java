package com.amends.console;

import com.amends.platform.WebJars;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the console's files from the jar. A page is reached by its route ({@code /} and
 * {@code /sidebar}), never by its file name, so each page has exactly one set of framing rules;
 * other files are scripts, styles and images. Every answer, a 404 included, carries the security
 * headers, so that no file of the console is ever served without them.
 */
final class ConsoleServlet extends HttpServlet {
    private static final Map<String, String> PAGES = Map.of("/", "index.html", "/sidebar", "sidebar.html");
    private static final Pattern ASSET = Pattern.compile("/(?:[a-z0-9-]+/)*[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8", "css", "text/css;charset=utf-8", "svg", "image/svg+xml");
    /**
     * Scripts and styles come from the console's own files only: no inline script or style, no
     * eval, and no string may become HTML (Trusted Types with no policy), so text from the API can
     * only ever be text. Forms are sent by the scripts; form-action 'none' makes sure that a page
     * whose script failed cannot send the sign-in form (and the key in it) as a URL.
     */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'none'; base-uri 'none'; "
            + "require-trusted-types-for 'script'; trusted-types 'none'; frame-ancestors ";

    /**
     * Libraries the console uses, from their WebJars, served as the console's own files (same
     * origin, same headers), so that the strict policy above holds for them too.
     */
    private static final Map<String, String> LIBRARIES = Map.of(
            "lib/chart.umd.js", WebJars.folder("org.webjars.npm", "chart.js") + "/dist/chart.umd.js");

    private final List<String> sidebarFrameAncestors;
    private final Map<String, Optional<Asset>> files = new ConcurrentHashMap<>();

    ConsoleServlet(List<String> sidebarFrameAncestors) {
        this.sidebarFrameAncestors = List.copyOf(sidebarFrameAncestors);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            response.sendRedirect(request.getContextPath() + Console.PATH + "/");
            return;
        }
        boolean framable = path.equals("/sidebar") && !sidebarFrameAncestors.isEmpty();
        secure(response, framable);
        String file = PAGES.getOrDefault(path, ASSET.matcher(path).matches() ? path.substring(1) : null);
        Optional<Asset> asset = file == null ? Optional.empty() : files.computeIfAbsent(file, ConsoleServlet::load);
        if (asset.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // The console changes with each release of the jar: the browser asks each time, and mostly gets a 304.
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("ETag", asset.get().etag());
        if (asset.get().etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(asset.get().type());
        response.setContentLength(asset.get().body().length);
        response.getOutputStream().write(asset.get().body());
    }

    private void secure(HttpServletResponse response, boolean framable) {
        response.setHeader("Content-Security-Policy",
                POLICY + (framable ? String.join(" ", sidebarFrameAncestors) : "'none'"));
        // X-Frame-Options names no list of origins; for the framable sidebar CSP alone decides.
        if (!framable) {
            response.setHeader("X-Frame-Options", "DENY");
        }
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    private static Optional<Asset> load(String file) {
        String resource = LIBRARIES.getOrDefault(file, "console/" + file);
        try (InputStream in = ConsoleServlet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            String extension = file.substring(file.lastIndexOf('.') + 1);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return Optional.of(new Asset(body, TYPES.get(extension),
                    "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Asset(byte[] body, String type, String etag) {}
}
