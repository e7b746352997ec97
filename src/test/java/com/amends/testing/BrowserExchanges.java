package com.amends.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The API requests a browser made of a test server, as they went over the wire, so that the
 * console's requests and the answers it got are held to the spec like the tests' own ({@link Api}
 * checks those as it makes them). Installed in every test server as its outermost filter on /v1;
 * it keeps only what a browser sent (by its User-Agent), so other tests pay for nothing but a
 * header read.
 */
final class BrowserExchanges implements Filter {
    private final ConcurrentLinkedQueue<SpecValidator.Exchange> recorded = new ConcurrentLinkedQueue<>();

    /** The exchanges recorded since the last call, oldest first; they are forgotten here. */
    List<SpecValidator.Exchange> drain() {
        List<SpecValidator.Exchange> drained = new ArrayList<>();
        for (SpecValidator.Exchange exchange; (exchange = recorded.poll()) != null; ) {
            drained.add(exchange);
        }
        return drained;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String agent = request.getHeader("User-Agent");
        if (agent == null || !agent.contains("Chrome")) {
            chain.doFilter(req, res);
            return;
        }
        Teed teedRequest = new Teed(request);
        Captured captured = new Captured((HttpServletResponse) res);
        try {
            chain.doFilter(teedRequest, captured);
        } finally {
            captured.flushBuffer();
            recorded.add(new SpecValidator.Exchange(request.getMethod(), request.getRequestURI(),
                    request.getQueryString(), requestHeaders(request), teedRequest.body.toString(StandardCharsets.UTF_8),
                    captured.getStatus(), responseHeaders(captured), captured.body.toString(StandardCharsets.UTF_8)));
        }
    }

    private static Map<String, List<String>> requestHeaders(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static Map<String, List<String>> responseHeaders(HttpServletResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            headers.put(name, List.copyOf(response.getHeaders(name)));
        }
        return headers;
    }

    /** A request whose body, as the server reads it, is copied aside. */
    private static final class Teed extends HttpServletRequestWrapper {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private ServletInputStream stream;

        Teed(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream original = super.getInputStream();
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        int b = original.read();
                        if (b >= 0) {
                            body.write(b);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = original.read(buffer, offset, length);
                        if (n > 0) {
                            body.write(buffer, offset, n);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return original.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return original.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        original.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }

    /** A response whose body, as the server writes it, is copied aside. */
    private static final class Captured extends HttpServletResponseWrapper {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private ServletOutputStream stream;
        private PrintWriter writer;

        Captured(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream original = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        original.write(b);
                        body.write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        original.write(bytes, offset, length);
                        body.write(bytes, offset, length);
                    }

                    @Override
                    public void flush() throws IOException {
                        original.flush();
                    }

                    @Override
                    public boolean isReady() {
                        return original.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        original.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            super.flushBuffer();
        }
    }
}
