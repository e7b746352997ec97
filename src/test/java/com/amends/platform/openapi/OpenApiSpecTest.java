package com.amends.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.AmendsApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * api-spec/openapi.yaml is the contract; this fails when the code serves anything else. After a
 * deliberate change of the API, regenerate the file with
 * {@code mvn test -Dtest=OpenApiSpecTest -Damends.writeSpec=true} and review the diff.
 */
@Tag("contract")
class OpenApiSpecTest {
    private static final Path CHECKED_IN = Path.of("api-spec", "openapi.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String generated = OpenApiDocument.yaml(AmendsApi.openApi());

    @Test
    void shouldMatchTheCheckedInSpec() throws Exception {
        if (Boolean.getBoolean("amends.writeSpec")) {
            Files.createDirectories(CHECKED_IN.getParent());
            Files.writeString(CHECKED_IN, generated, StandardCharsets.UTF_8);
        }
        JsonNode expected = YAML.readTree(Files.readString(CHECKED_IN, StandardCharsets.UTF_8));
        JsonNode actual = YAML.readTree(generated);
        assertThat(actual)
                .as("the served OpenAPI document differs from api-spec/openapi.yaml; regenerate it with "
                        + "-Damends.writeSpec=true if the change is meant")
                .isEqualTo(expected);
    }

    /**
     * Integrators feed the checked-in file to their tools: it must parse with a real OpenAPI 3
     * parser, validate without a message, and every {@code $ref} in it must point at something.
     */
    @Test
    void shouldBeAValidOpenApiDocumentWhoseRefsAllResolve() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(
                Files.readString(CHECKED_IN, StandardCharsets.UTF_8), null, options);
        assertThat(result.getMessages()).as("validation messages of api-spec/openapi.yaml").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        JsonNode spec = YAML.readTree(Files.readString(CHECKED_IN, StandardCharsets.UTF_8));
        List<String> unresolved = new ArrayList<>();
        refs(spec, spec, "", unresolved);
        assertThat(unresolved).as("$refs that point at nothing").isEmpty();
    }

    private static void refs(JsonNode root, JsonNode node, String at, List<String> unresolved) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                String target = ref.asText();
                if (!target.startsWith("#/") || root.at(target.substring(1)).isMissingNode()) {
                    unresolved.add(at + " -> " + target);
                }
            }
            node.properties().forEach(field -> refs(root, field.getValue(), at + "/" + field.getKey(), unresolved));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refs(root, node.get(i), at + "/" + i, unresolved);
            }
        }
    }

    @Test
    void shouldDescribeEveryOperationFully() throws Exception {
        JsonNode spec = YAML.readTree(generated);
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode operation = method.getValue();
                String name = method.getKey() + " " + path.getKey();
                operations++;
                assertThat(operation.path("summary").asText()).as("summary of %s", name).isNotBlank();
                assertThat(operation.path("operationId").asText()).as("operationId of %s", name).isNotBlank();
                assertThat(operation.path("x-roles")).as("roles of %s", name).isNotEmpty();
                assertThat(operation.path("responses").path("401").isMissingNode()).as("401 of %s", name).isFalse();
                assertThat(operation.path("responses").path("403").isMissingNode()).as("403 of %s", name).isFalse();
                boolean hasSuccess = false;
                for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
                    if (response.getKey().startsWith("2")) {
                        hasSuccess = true;
                    } else {
                        assertThat(response.getValue().path("content").path("application/problem+json").path("examples"))
                                .as("problem examples of %s %s", name, response.getKey()).isNotEmpty();
                    }
                }
                assertThat(hasSuccess).as("success answer of %s", name).isTrue();
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(14);
    }

    /**
     * What a client may send is bounded: every string has a length limit (or is one of a list, or
     * a time), every array a largest size, every integer a least and a largest value, so that a
     * validator in front of the server can refuse what the server would.
     */
    @Test
    void shouldBoundEveryValueARequestCarries() throws Exception {
        JsonNode spec = YAML.readTree(generated);
        List<String> unbounded = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String name = method.getKey() + " " + path.getKey();
                for (JsonNode parameter : method.getValue().path("parameters")) {
                    bounds(spec, parameter.path("schema"), name + " " + parameter.path("in").asText() + " "
                            + parameter.path("name").asText(), unbounded, new java.util.HashSet<>());
                }
                for (Map.Entry<String, JsonNode> media : method.getValue().path("requestBody").path("content").properties()) {
                    bounds(spec, media.getValue().path("schema"), name + " body " + media.getKey(), unbounded,
                            new java.util.HashSet<>());
                }
            }
        }
        assertThat(unbounded).as("request values without a bound").isEmpty();
    }

    private static void bounds(JsonNode spec, JsonNode schema, String at, List<String> unbounded, java.util.Set<String> seen) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            if (seen.add(ref)) {
                bounds(spec, spec.at(ref.substring(1)), at, unbounded, seen);
            }
            return;
        }
        for (String composition : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode member : schema.path(composition)) {
                bounds(spec, member, at, unbounded, seen);
            }
        }
        switch (schema.path("type").asText()) {
            case "string" -> {
                if (!schema.has("maxLength") && !schema.has("enum") && !schema.path("format").asText().startsWith("date")) {
                    unbounded.add(at + ": string without maxLength");
                }
            }
            case "integer" -> {
                if (!schema.has("minimum") || !schema.has("maximum")) {
                    unbounded.add(at + ": integer without minimum and maximum");
                }
            }
            case "array" -> {
                if (!schema.has("maxItems")) {
                    unbounded.add(at + ": array without maxItems");
                }
                bounds(spec, schema.path("items"), at + "[]", unbounded, seen);
            }
            default -> {
            }
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            bounds(spec, property.getValue(), at + "." + property.getKey(), unbounded, seen);
        }
    }

    @Test
    void shouldUseSnakeCaseNames() throws Exception {
        JsonNode grant = YAML.readTree(generated).path("components").path("schemas").path("PointsGrantRequest");
        assertThat(grant.path("properties").has("customer_id")).isTrue();
        assertThat(grant.path("properties").has("customerId")).isFalse();
        assertThat(grant.path("required")).isNotEmpty();
    }
}
