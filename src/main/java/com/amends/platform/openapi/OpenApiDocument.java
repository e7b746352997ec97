package com.amends.platform.openapi;

import com.amends.platform.Cursor;
import com.amends.platform.ErrorCode;
import com.amends.platform.FieldError;
import com.amends.platform.Json;
import com.amends.platform.Problem;
import com.amends.platform.idempotency.Idempotency;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.auth.Auth;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtensions;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the OpenAPI document from the resource classes themselves, so that it cannot drift from
 * what the server does. On top of what Swagger reads from the annotations, every operation gets
 * its roles (from {@code @RolesAllowed}) and every problem it can answer with (from
 * {@code @Refusals} and from its signature: auth, validation, idempotency), with examples.
 */
public final class OpenApiDocument {
    private static final String BEARER = "bearer";
    private static boolean swaggerConfigured;

    private OpenApiDocument() {}

    /**
     * @param resources the resource classes, read in this order
     * @param tags      every tag an operation names, with its description, in the order a reader meets them
     */
    public static OpenAPI build(Set<Class<?>> resources, Map<String, String> tags) {
        configureSwagger();
        OpenAPI base = new OpenAPI()
                .info(new Info().title("Amends API").version("1")
                        .description("Goodwill and loyalty rewards: grant points and vouchers to customers, redeem them "
                                + "at checkout, and keep an exact double-entry ledger. Every request carries "
                                + "`Authorization: Bearer <api key>`; every error is an RFC 9457 problem with a stable `code`. "
                                + "Each key has a rate limit (its state in the `RateLimit-*` headers of every answer; past "
                                + "it, 429 `rate_limited` with `Retry-After`). Every answer is sent with "
                                + "`Cache-Control: no-store` and `X-Content-Type-Options: nosniff`.")
                        .contact(new Contact().name("The team that runs this Amends server"))
                        .license(new License().name("Proprietary")))
                .servers(List.of(new Server().url("/")))
                .components(new Components().addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API key secret, created by POST /v1/api-keys or the create-api-key command")));
        ResponseHeaders.addTo(base.getComponents());
        SwaggerConfiguration config = new SwaggerConfiguration().openAPI(base).prettyPrint(true).sortOutput(true)
                .readAllResources(false);
        // Swagger's read of a set sorts it by class name, and where two resources describe a shared
        // schema differently the later one's words stay: reading in the order given keeps the
        // document from changing when a class moves to another package.
        Reader reader = new Reader(config);
        resources.forEach(reader::read);
        OpenAPI api = reader.getOpenAPI();
        ModelConverters.getInstance().readAll(FieldError.class).forEach(api.getComponents().getSchemas()::putIfAbsent);
        api.getComponents().getSchemas().put("Problem", ProblemSchema.build());
        Map<String, Example> examples = new TreeMap<>();
        for (Class<?> resource : resources) {
            for (Method method : resource.getMethods()) {
                io.swagger.v3.oas.annotations.Operation annotation =
                        method.getAnnotation(io.swagger.v3.oas.annotations.Operation.class);
                if (annotation != null) {
                    Operation operation = find(api, annotation.operationId());
                    if (operation != null) {
                        describe(operation, resource, method, examples);
                    }
                }
            }
        }
        api.getComponents().setSchemas(new TreeMap<>(api.getComponents().getSchemas()));
        api.getComponents().setExamples(examples);
        api.setTags(tags(api, tags));
        Patterns.apply(api);
        return api;
    }

    private static List<Tag> tags(OpenAPI api, Map<String, String> described) {
        Set<String> used = new java.util.TreeSet<>();
        api.getPaths().values().forEach(path -> path.readOperations().forEach(op -> {
            if (op.getTags() == null || op.getTags().size() != 1) {
                throw new IllegalStateException("Operation " + op.getOperationId() + " needs exactly one tag");
            }
            used.add(op.getTags().get(0));
        }));
        if (!described.keySet().equals(used)) {
            throw new IllegalStateException("Tags used " + used + " and described " + described.keySet() + " differ");
        }
        List<Tag> tags = new ArrayList<>();
        described.forEach((name, description) -> tags.add(new Tag().name(name).description(description)));
        return tags;
    }

    /**
     * Names, on {@code schema}'s {@code property}, the schema each kind of it carries: an event's
     * {@code data.object} is a different resource per event type, and OpenAPI 3.0 has no way to
     * tie a property's shape to a sibling's value, so the map ({@code x-payloads}) says it, and
     * every schema it names is in the components.
     */
    public static OpenAPI describePayloads(OpenAPI api, String schema, String property,
                                           Map<String, Class<?>> payloads) {
        Map<String, Object> refs = new TreeMap<>();
        payloads.forEach((kind, type) -> {
            var read = ModelConverters.getInstance().readAllAsResolvedSchema(type);
            // Only what is missing: a resource's own reading of a schema it shares keeps its words.
            ModelConverters.getInstance().readAll(type).forEach(api.getComponents().getSchemas()::putIfAbsent);
            refs.put(kind, Map.of("$ref", "#/components/schemas/" + read.schema.getName()));
        });
        ((io.swagger.v3.oas.models.media.Schema<?>) api.getComponents().getSchemas().get(schema).getProperties().get(property))
                .addExtension("x-payloads", refs);
        api.getComponents().setSchemas(new TreeMap<>(api.getComponents().getSchemas()));
        return api;
    }

    public static String yaml(OpenAPI api) {
        try {
            return Yaml.mapper().copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(api);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String json(OpenAPI api) {
        try {
            return io.swagger.v3.core.util.Json.mapper().copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writerWithDefaultPrettyPrinter().writeValueAsString(api);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Swagger's model reader is a process-wide singleton; teach it our JSON names once. */
    private static synchronized void configureSwagger() {
        if (swaggerConfigured) {
            return;
        }
        ObjectMapper mapper = Json.configure(new ObjectMapper().findAndRegisterModules());
        ModelConverters.getInstance().addConverter(new PropertyRefs(mapper));
        OpenAPIExtensions.setExtensions(new ArrayList<>(List.of(new TimeParameterExtension(), new AuthParameterExtension())));
        swaggerConfigured = true;
    }

    private static Operation find(OpenAPI api, String operationId) {
        return api.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .filter(op -> operationId.equals(op.getOperationId()))
                .findFirst().orElse(null);
    }

    private static void describe(Operation operation, Class<?> resource, Method method, Map<String, Example> examples) {
        List<String> roles = roles(resource, method);
        operation.addExtension("x-roles", roles);
        String description = operation.getDescription() == null ? "" : operation.getDescription() + "\n\n";
        operation.setDescription(description + "Roles: " + String.join(", ", roles) + ".");
        operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));

        // Any operation refuses a query parameter given twice or empty (StrictQueryParameters), an
        // Accept it cannot answer, a request Jetty cannot read (a broken URI, one or headers too
        // long), an expired key and a key past its rate limit; and any may fail unexpectedly.
        Set<ErrorCode> codes = EnumSet.of(ErrorCode.UNAUTHORIZED, ErrorCode.API_KEY_EXPIRED, ErrorCode.RATE_LIMITED,
                ErrorCode.FORBIDDEN, ErrorCode.INVALID_PARAMETER,
                ErrorCode.BAD_REQUEST, ErrorCode.NOT_ACCEPTABLE, ErrorCode.URI_TOO_LONG,
                ErrorCode.REQUEST_HEADERS_TOO_LARGE, ErrorCode.INTERNAL_ERROR, ErrorCode.SERVICE_UNAVAILABLE);
        boolean idempotent = false;
        Refusals refusals = method.getAnnotation(Refusals.class);
        if (refusals != null) {
            codes.addAll(Arrays.asList(refusals.value()));
        }
        boolean hasBody = false;
        boolean hasParameters = false;
        for (int i = 0; i < method.getParameterCount(); i++) {
            Annotation[] annotations = method.getParameterAnnotations()[i];
            HeaderParam header = find(annotations, HeaderParam.class);
            if (header != null && header.value().equals(Idempotency.HEADER)) {
                codes.addAll(List.of(ErrorCode.IDEMPOTENCY_KEY_MISSING, ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                        ErrorCode.IDEMPOTENCY_KEY_REUSED));
                idempotent = true;
                describeIdempotencyKey(operation);
            } else if (find(annotations, QueryParam.class) != null || find(annotations, PathParam.class) != null) {
                hasParameters = true;
                QueryParam query = find(annotations, QueryParam.class);
                if (query != null && query.value().equals("cursor")) {
                    describeCursor(operation);
                }
            } else if (find(annotations, Auth.class) == null && find(annotations, Context.class) == null) {
                hasBody = true;
            }
        }
        if (hasBody) {
            codes.addAll(List.of(ErrorCode.MALFORMED_JSON, ErrorCode.VALIDATION_FAILED, ErrorCode.PAYLOAD_TOO_LARGE,
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.REQUEST_TIMEOUT));
        }
        if (hasParameters) {
            codes.add(ErrorCode.VALIDATION_FAILED);
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        ApiResponse unnamed = responses.remove("default");
        if (unnamed != null && responses.keySet().stream().noneMatch(status -> status.startsWith("2"))) {
            responses.addApiResponse("200", unnamed.description("OK"));
        }
        Map<Integer, List<ErrorCode>> byStatus = codes.stream()
                .collect(Collectors.groupingBy(ErrorCode::status, TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, inStatus) -> responses.addApiResponse(String.valueOf(status), problemResponse(inStatus)));
        ResponseHeaders.describe(responses, idempotent);
        for (ErrorCode code : codes) {
            examples.putIfAbsent(code.code(), problemExample(code));
        }
        operation.setResponses(responses);
    }

    private static void describeCursor(Operation operation) {
        operation.getParameters().stream().filter(p -> p.getName().equals("cursor")).forEach(p -> {
            p.getSchema().setMaxLength(Cursor.MAX_LENGTH);
            if (p.getDescription() == null) {
                p.setDescription("next_cursor of the previous page");
            }
        });
    }

    private static void describeIdempotencyKey(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            if (Idempotency.HEADER.equals(parameter.getName())) {
                parameter.setRequired(true);
                parameter.setDescription("A unique key per intended effect (e.g. a UUID). A retry with the same key "
                        + "and body has its effect once and gets the first answer again, with Idempotent-Replayed: true; "
                        + "answers are kept for 24 hours.");
                parameter.setSchema(new Schema<String>().type("string").minLength(1).maxLength(255)
                        .pattern(Idempotency.KEY_PATTERN));
                parameter.setExample("5f1c0b6e-8d2a-4c1e-9a57-3f0d2b7c9e41");
            }
        }
    }

    private static ApiResponse problemResponse(List<ErrorCode> codes) {
        String description = codes.stream()
                .map(code -> "`" + code.code() + "`: " + code.title())
                .collect(Collectors.joining("; "));
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"));
        Map<String, Example> examples = new LinkedHashMap<>();
        for (ErrorCode code : codes) {
            examples.put(code.code(), new Example().$ref("#/components/examples/" + code.code()));
        }
        media.setExamples(examples);
        return new ApiResponse().description(description).content(new Content().addMediaType(Problem.MEDIA_TYPE, media));
    }

    private static Example problemExample(ErrorCode code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:amends:problem:" + code.code());
        body.put("title", code.title());
        body.put("status", code.status());
        body.put("code", code.code());
        body.put("detail", code.title());
        switch (code) {
            case VALIDATION_FAILED -> body.put("errors", List.of(Map.of("field", "customer_id", "message", "must not be null")));
            case TOO_MANY_FAILED_LOOKUPS -> body.put("retry_after_seconds", 60);
            case RATE_LIMITED -> body.put("retry_after_seconds", 1);
            case SERVICE_UNAVAILABLE -> body.put("retry_after_seconds", 5);
            case INSUFFICIENT_POINTS -> body.put("available_points", 120);
            case ALREADY_COMPENSATED -> body.put("earlier_grant_id", "grt_01JDQ3Z6M0N5X2K8R4T7V9W1YB");
            case INTERNAL_ERROR -> body.put("reference", "0b6c1d5e-2f43-4e8a-9d1c-7a5b3e2f1c90");
            default -> { }
        }
        return new Example().summary(code.title()).value(body);
    }

    private static List<String> roles(Class<?> resource, Method method) {
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? List.of("public") : List.copyOf(new LinkedHashSet<>(Arrays.asList(allowed.value())));
    }

    private static <A extends Annotation> A find(Annotation[] annotations, Class<A> type) {
        for (Annotation annotation : annotations) {
            if (type.isInstance(annotation)) {
                return type.cast(annotation);
            }
        }
        return null;
    }
}
