package com.amends.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operations of the checked-in contract, api-spec/openapi.yaml, for tests that walk every
 * endpoint: its method and path, the roles PRODUCT.md gives it (x-roles), its parameters and
 * its JSON body schema, with {@code $ref}s resolved on demand.
 */
public final class SpecOperations {
    private static final Path SPEC = Path.of("api-spec", "openapi.yaml");
    private static final SpecOperations INSTANCE = load();

    private final JsonNode document;
    private final List<Operation> operations;

    /** One operation of the spec. {@code jsonBody} is null when it takes no JSON body. */
    public record Operation(String method, String path, String id, List<String> roles, List<JsonNode> parameters,
                            JsonNode jsonBody, List<String> bodyTypes) {
        public boolean takesIdempotencyKey() {
            return parameters.stream().anyMatch(p -> p.path("name").asText().equals("Idempotency-Key"));
        }

        public List<JsonNode> parameters(String in) {
            return parameters.stream().filter(p -> p.path("in").asText().equals(in)).toList();
        }

        public boolean changes() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private SpecOperations(JsonNode document) {
        this.document = document;
        List<Operation> found = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            JsonNode operation = entry.getValue();
            List<String> roles = new ArrayList<>();
            operation.path("x-roles").forEach(role -> roles.add(role.asText()));
            List<JsonNode> parameters = new ArrayList<>();
            operation.path("parameters").forEach(parameters::add);
            JsonNode content = operation.path("requestBody").path("content");
            List<String> bodyTypes = new ArrayList<>();
            content.fieldNames().forEachRemaining(bodyTypes::add);
            JsonNode json = content.path("application/json").path("schema");
            found.add(new Operation(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                    operation.path("operationId").asText(), List.copyOf(roles), List.copyOf(parameters),
                    json.isMissingNode() ? null : json, List.copyOf(bodyTypes)));
        }));
        this.operations = List.copyOf(found);
    }

    private static SpecOperations load() {
        try {
            return new SpecOperations(new ObjectMapper(new YAMLFactory()).readTree(SPEC.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Operation> all() {
        return INSTANCE.operations;
    }

    /**
     * The schema itself, or the one its {@code $ref} names; through a property's
     * {@code allOf: [$ref]} to the schema named, and through a {@code oneOf} to its first choice.
     */
    public static JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current != null) {
            if (current.has("$ref")) {
                String name = current.path("$ref").asText().substring("#/components/schemas/".length());
                current = INSTANCE.document.path("components").path("schemas").path(name);
            } else if (current.path("allOf").size() == 1) {
                current = current.path("allOf").get(0);
            } else if (current.path("oneOf").size() > 0) {
                current = current.path("oneOf").get(0);
            } else {
                return current;
            }
        }
        return null;
    }
}
