package com.amends.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The checked-in contract, api-spec/openapi.yaml, as a validator of HTTP exchanges: what a
 * client sent and what the server answered. The server is held to the spec: an answer the spec
 * does not describe (a status, a field, a type, a null, a header) is a violation. A request the
 * spec calls invalid must be refused (4xx), so that the spec and the server agree on what is
 * valid; a request the spec calls valid may still be refused by a business rule.
 *
 * <p>Built once per test run; {@link Api} checks every exchange it makes, and anything else
 * that has seen an exchange (a browser test reading a console's requests) can ask too.
 */
public final class SpecValidator {
    private static final Path SPEC = Path.of("api-spec", "openapi.yaml");
    /** Requests the spec calls valid that the server refused as invalid input: a bound the spec may lack. */
    private static final Path LOOSE = Path.of("target", "spec-validator", "refused-but-valid-per-spec.txt");
    /**
     * With -Damends.spec.survey=true violations are written to a file instead of failing the
     * test, to see all of them from one run after a change of the spec.
     */
    private static final Path SURVEY = Path.of("target", "spec-validator", "violations.txt");
    private static final SpecValidator CHECKED_IN = new SpecValidator(SPEC);

    private final OpenApiInteractionValidator validator;
    private final Set<String> loose = ConcurrentHashMap.newKeySet();

    /** One request and its answer, as they went over the wire. {@code query} is the raw query string or null. */
    public record Exchange(String method, String path, String query, Map<String, List<String>> requestHeaders,
                           String requestBody, int status, Map<String, List<String>> responseHeaders,
                           String responseBody) {
        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
        }
    }

    private SpecValidator(Path spec) {
        try {
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(Files.readString(spec))
                    // An operation that takes no body ignores one (many clients send {} with every
                    // POST): HTTP gives such a body no meaning, so it makes a request neither valid nor not.
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request.body.unexpected", ValidationReport.Level.IGNORE).build())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SpecValidator checkedIn() {
        return CHECKED_IN;
    }

    /** Fails (an AssertionError naming every violation) when the exchange breaks the contract. */
    public void check(Exchange exchange) {
        List<String> violations = violations(exchange);
        if (!violations.isEmpty() && Boolean.getBoolean("amends.spec.survey")) {
            append(SURVEY, exchange.method() + " " + exchange.path() + " -> " + exchange.status() + "\n  - "
                    + String.join("\n  - ", violations) + "\n  request: " + abbreviate(exchange.requestBody())
                    + "\n  answer: " + abbreviate(exchange.responseBody()));
        } else if (!violations.isEmpty()) {
            throw new AssertionError("The exchange " + exchange + " breaks api-spec/openapi.yaml:\n  - "
                    + String.join("\n  - ", violations) + "\nrequest body: " + abbreviate(exchange.requestBody())
                    + "\nanswer: " + abbreviate(exchange.responseBody()));
        }
    }

    /** What in the exchange breaks the contract; empty when nothing does. */
    public List<String> violations(Exchange exchange) {
        if (!exchange.path().startsWith("/v1/")) {
            return List.of(); // the documents themselves, the docs page: not part of the API
        }
        Request.Method method = method(exchange.method());
        boolean refused = exchange.status() >= 400 && exchange.status() < 500;
        if (method == null) {
            return refused ? List.of() : List.of("a request with method " + exchange.method() + " was not refused");
        }
        Request request = request(method, exchange);
        List<String> requestErrors = errors(validator.validateRequest(request));
        if (requestErrors.stream().anyMatch(e -> e.startsWith("validation.request.path.missing")
                || e.startsWith("validation.request.operation.notAllowed"))) {
            return refused ? List.of() : List.of("the spec has no such operation, yet the server answered "
                    + exchange.status() + ": " + requestErrors);
        }
        List<String> violations = new ArrayList<>();
        for (String error : errors(validator.validateResponse(exchange.path(), method, response(exchange)))) {
            violations.add("answer: " + error);
        }
        if (!requestErrors.isEmpty() && !refused) {
            violations.add("the spec calls the request invalid, yet the server answered " + exchange.status() + ": "
                    + requestErrors);
        }
        if (requestErrors.isEmpty() && (isProblem(exchange, 422, "validation_failed")
                || isProblem(exchange, 400, "invalid_parameter"))) {
            noteLoose(exchange);
        }
        return violations;
    }

    /** The requests of this run that the spec calls valid and the server refused as invalid input. */
    public Set<String> refusedButValidPerSpec() {
        return Set.copyOf(loose);
    }

    private static Request.Method method(String name) {
        try {
            return Request.Method.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Request request(Request.Method method, Exchange exchange) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(method, exchange.path());
        exchange.requestHeaders().forEach(builder::withHeader);
        query(exchange.query()).forEach(builder::withQueryParam);
        if (exchange.requestBody() != null && !exchange.requestBody().isEmpty()) {
            builder.withBody(exchange.requestBody());
        }
        return builder.build();
    }

    private static SimpleResponse response(Exchange exchange) {
        SimpleResponse.Builder builder = new SimpleResponse.Builder(exchange.status());
        exchange.responseHeaders().forEach(builder::withHeader);
        if (exchange.responseBody() != null && !exchange.responseBody().isEmpty()) {
            builder.withBody(exchange.responseBody());
        }
        return builder.build();
    }

    private static Map<String, List<String>> query(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a test sending a broken escape on purpose: the server must refuse it
        }
    }

    private static List<String> errors(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(SpecValidator::describe)
                .toList();
    }

    private static String describe(ValidationReport.Message message) {
        String nested = message.getNestedMessages().isEmpty() ? "" : message.getNestedMessages().stream()
                .map(SpecValidator::describe).collect(Collectors.joining("; ", " [", "]"));
        String pointers = message.getContext()
                .flatMap(c -> c.getPointers().map(p -> " at " + p.getInstance()))
                .orElse("");
        return message.getKey() + ": " + message.getMessage() + pointers + nested;
    }

    private static boolean isProblem(Exchange exchange, int status, String code) {
        return exchange.status() == status && exchange.responseBody() != null
                && exchange.responseBody().contains("\"code\":\"" + code + "\"");
    }

    private void noteLoose(Exchange exchange) {
        String line = exchange.method() + " " + exchange.path() + (exchange.query() == null ? "" : "?" + exchange.query())
                + " " + abbreviate(exchange.requestBody()) + " => " + abbreviate(exchange.responseBody());
        if (loose.add(line)) {
            append(LOOSE, line);
        }
    }

    private static synchronized void append(Path file, String line) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "(none)";
        }
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
