package com.amends.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * A small HTTP client for tests: JSON in, {@link Reply} out, authenticated with one key. Every
 * exchange with the API goes through {@link SpecValidator}: an answer the checked-in spec does
 * not describe fails the test that caused it.
 */
public final class Api {
    static {
        // Jetty closes idle connections after 30 s; a client that keeps them longer may send on
        // one Jetty has just closed and read nothing back.
        System.setProperty("jdk.httpclient.keepalive.timeout", "5");
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final String secret;

    Api(int port, String secret) {
        this.port = port;
        this.secret = secret;
    }

    public Reply get(String path) {
        return send(request(path).GET(), null);
    }

    public Reply delete(String path) {
        return send(request(path).DELETE(), null);
    }

    /** A POST with a fresh Idempotency-Key. */
    public Reply post(String path, Object body) {
        return post(path, body, UUID.randomUUID().toString());
    }

    public Reply post(String path, Object body, String idempotencyKey) {
        String text = json(body);
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return send(builder, text);
    }

    public Reply patch(String path, Object body) {
        String text = json(body);
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(text)), text);
    }

    /** Anything else: raw body, any method and content type. */
    public Reply raw(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder, body);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (secret != null) {
            builder.header("Authorization", "Bearer " + secret);
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder builder, String body) {
        try {
            HttpRequest request = builder.build();
            HttpResponse<String> response;
            try {
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException stale) {
                // A pooled connection the server had just closed: the request never reached it. Once more, anew.
                if (!String.valueOf(stale.getMessage()).contains("received no bytes")) {
                    throw stale;
                }
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            }
            SpecValidator.checkedIn().check(new SpecValidator.Exchange(request.method(), request.uri().getRawPath(),
                    request.uri().getRawQuery(), request.headers().map(), body, response.statusCode(),
                    response.headers().map(), response.body()));
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
