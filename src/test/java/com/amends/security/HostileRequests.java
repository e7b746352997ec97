package com.amends.security;

import com.amends.testing.SpecOperations;
import com.amends.testing.SpecOperations.Operation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hostile requests for one operation of the spec, each broken in one way: malformed JSON, a
 * field of the wrong type, a required field missing, an unknown field, amounts out of range or
 * beyond a long, unknown currencies, over-long and non-ASCII ids, SQL and script in every
 * string, a wrong content type, a 10 MB body, bad path, query and header values, a query
 * parameter given twice.
 *
 * <p>The body they break starts from the spec's own examples, which make a valid request (a
 * grant of 500 points for SHIPPING_DELAY to shop-cust-42): so each probe is refused because of
 * the one thing broken in it, not because something else was missing. A probe is marked
 * {@code mustRefuse} when what it breaks is a rule of the spec or of PRODUCT.md; the others
 * (text in a list filter, rows of a CSV batch for a campaign that does not exist) must merely
 * not hurt the server.
 */
final class HostileRequests {
    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "'; DROP TABLE postings; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "\" OR 1=1 --", "../../etc/passwd");
    static final String NON_ASCII = "客户-çé-😀";
    static final int TEN_MB = 10 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TARGET = "hostile-target";

    /** One request; headers as name, value pairs. */
    record Probe(String kind, String method, String target, String contentType, String body, List<String> headers,
                 boolean mustRefuse) {
    }

    private final Operation operation;
    private final List<Probe> probes = new ArrayList<>();

    private HostileRequests(Operation operation) {
        this.operation = operation;
    }

    static List<Probe> forOperation(Operation operation) {
        HostileRequests requests = new HostileRequests(operation);
        requests.bodyProbes();
        requests.pathProbes();
        requests.queryProbes();
        requests.headerProbes();
        return requests.probes;
    }

    // --- bodies

    private void bodyProbes() {
        if (operation.bodyTypes().isEmpty()) {
            return;
        }
        String type = operation.jsonBody() != null ? "application/json" : operation.bodyTypes().get(0);
        ObjectNode base = operation.jsonBody() == null ? null : (ObjectNode) sample(operation.jsonBody(), 0);
        for (String wrongType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            send("content type " + wrongType, wrongType, base == null ? "a,b" : base.toString(), true);
        }
        send("10 MB body", type, "{\"note\":\"" + "x".repeat(TEN_MB) + "\"}", true);
        if (base == null) {
            csvProbes(type);
            return;
        }
        for (String malformed : List.of("{", "{\"a\":}", "[1,", "nul", "{\"agent_id\": \"a\",}", "{\"a\": 1} {\"b\": 2}",
                "{\"a\": \"\\u0000\"}", "\u0000", "{\"a\": 01}", "{'a': 1}", "[]", "\"text\"", "42", "null", "")) {
            send("malformed " + abbreviate(malformed), type, malformed, true);
        }
        ObjectNode unknown = base.deepCopy();
        unknown.put("unexpected_field", 1);
        send("unknown field", type, unknown.toString(), true);

        for (Field field : fields(operation.jsonBody(), List.of(), 0)) {
            ObjectNode wrong = base.deepCopy();
            set(wrong, field.path, wrongType(field.schema));
            send("wrong type " + field, type, wrong.toString(), true);
            if (field.required && has(base, field.path)) {
                ObjectNode missing = base.deepCopy();
                remove(missing, field.path);
                send("missing " + field, type, missing.toString(), true);
            }
            if (field.schema.has("properties")) {
                ObjectNode nestedUnknown = base.deepCopy();
                ObjectNode nested = (ObjectNode) sample(field.schema, 1);
                nested.put("unexpected_field", "x");
                set(nestedUnknown, field.path, nested);
                send("unknown field in " + field, type, nestedUnknown.toString(), true);
            }
            String schemaType = field.schema.path("type").asText();
            if (field.schema.has("maxItems")) {
                ArrayNode tooMany = NODES.arrayNode();
                JsonNode item = sample(field.schema.path("items"), 1);
                for (int i = 0; i <= field.schema.path("maxItems").asInt(); i++) {
                    tooMany.add(item);
                }
                ObjectNode probe = base.deepCopy();
                set(probe, field.path, tooMany);
                send(tooMany.size() + " items in " + field, type, probe.toString(), true);
            }
            if (schemaType.equals("integer")) {
                numberProbes(base, field, type);
            } else if (schemaType.equals("string")) {
                stringProbes(base, field, type);
            }
        }
        for (String injection : INJECTIONS) {
            ObjectNode injected = base.deepCopy();
            // Bodies of free text alone are legal with any text in it; SafeTextApiTest covers those.
            if (replaceStrings(injected, operation.jsonBody(), injection)) {
                send("injection in every string: " + injection, type, injected.toString(), true);
            }
        }
    }

    private void numberProbes(ObjectNode base, Field field, String type) {
        JsonNode schema = field.schema;
        List<Object[]> values = new ArrayList<>();
        values.add(new Object[] {"beyond long", NODES.numberNode(new BigInteger("9223372036854775808"))});
        values.add(new Object[] {"far beyond long", NODES.numberNode(new BigInteger("1" + "0".repeat(40)))});
        values.add(new Object[] {"fraction", NODES.numberNode(1.5)});
        values.add(new Object[] {"exponent", NODES.numberNode(1e30)});
        if (schema.has("minimum")) {
            long minimum = schema.path("minimum").asLong();
            values.add(new Object[] {"negative", NODES.numberNode(Math.min(-1, minimum - 1))});
            if (schema.path("exclusiveMinimum").asBoolean() || minimum > 0) {
                values.add(new Object[] {"zero or below minimum", NODES.numberNode(schema.path("exclusiveMinimum").asBoolean() ? minimum : minimum - 1)});
            }
        }
        if (schema.has("maximum")) {
            values.add(new Object[] {"above maximum", NODES.numberNode(schema.path("maximum").asLong() + 1)});
            values.add(new Object[] {"long max", NODES.numberNode(Long.MAX_VALUE)});
        }
        for (Object[] value : values) {
            ObjectNode probe = base.deepCopy();
            set(probe, field.path, (JsonNode) value[1]);
            send(value[0] + " " + field, type, probe.toString(), true);
        }
    }

    /**
     * Ids and codes (strings with a pattern, an enum or a format) get over-long, non-ASCII and
     * blank values; free text only gets what breaks its length. Non-ASCII in a note is not hostile.
     */
    private void stringProbes(ObjectNode base, Field field, String type) {
        JsonNode schema = field.schema;
        boolean shaped = schema.has("pattern") || schema.has("enum") || schema.has("format");
        if (field.name().equals("currency")) {
            for (String currency : List.of("ZZZ", "XXX", "XAU", "eur", "EURO", "")) {
                ObjectNode probe = base.deepCopy();
                set(probe, field.path, NODES.textNode(currency));
                send("unknown currency " + currency + " in " + field, type, probe.toString(), true);
            }
        }
        if (schema.has("maxLength") || shaped) {
            int length = schema.has("maxLength") ? schema.path("maxLength").asInt() + 1 : 65;
            ObjectNode tooLong = base.deepCopy();
            set(tooLong, field.path, NODES.textNode("a".repeat(length)));
            send(length + " characters in " + field, type, tooLong.toString(), true);
        }
        if (shaped) {
            for (String value : List.of(NON_ASCII, " ", "a\u0000b")) {
                ObjectNode probe = base.deepCopy();
                set(probe, field.path, NODES.textNode(value));
                send("id " + abbreviate(value) + " in " + field, type, probe.toString(), true);
            }
        }
    }

    private void csvProbes(String type) {
        List<String> rows = new ArrayList<>(INJECTIONS);
        rows.add("a".repeat(65));
        rows.add(NON_ASCII);
        rows.add("\"unterminated");
        rows.add("a,b,c,d,e");
        send("hostile CSV rows", type, String.join("\n", rows), false);
        send("empty CSV", type, "", true);
        send("NUL in CSV", type, "cust-1\u0000,order", true);
    }

    // --- parameters

    private void pathProbes() {
        for (JsonNode parameter : operation.parameters("path")) {
            String name = parameter.path("name").asText();
            List<String> values = new ArrayList<>(INJECTIONS);
            values.addAll(List.of("a".repeat(300), NON_ASCII, "\u0000", " ", "%", "a/b"));
            for (String value : values) {
                Map<String, String> path = pathValues();
                path.put(name, value);
                probes.add(new Probe("path " + name + " = " + abbreviate(value), operation.method(),
                        expand(path) , bodyTypeForParameterProbes(), bodyForParameterProbes(), keyHeader(), true));
            }
        }
    }

    private void queryProbes() {
        for (JsonNode parameter : operation.parameters("query")) {
            String name = parameter.path("name").asText();
            JsonNode schema = parameter.path("schema");
            String schemaType = schema.path("type").asText();
            boolean dateLike = name.equals("from") || name.equals("to") || name.equals("as_of")
                    || schema.path("format").asText().equals("date-time");
            List<String> bad = new ArrayList<>();
            boolean mustRefuse = true;
            if (schemaType.equals("integer")) {
                bad.addAll(List.of("abc", "-1", "0", "99999999999999999999", "1.5", "", "1e3", "+-1"));
                if (schema.has("maximum")) {
                    bad.add(String.valueOf(schema.path("maximum").asLong() + 1));
                }
            } else if (schemaType.equals("boolean")) {
                bad.addAll(List.of("maybe", "1", "", "TRUE "));
            } else if (dateLike) {
                bad.addAll(List.of("yesterday", "2026-02-30T00:00:00Z", "2026-13-01", "99999-01-01T00:00:00Z", "'; DROP TABLE x; --"));
            } else if (name.equals("cursor")) {
                bad.addAll(INJECTIONS);
                bad.addAll(List.of("a".repeat(300), NON_ASCII, "eyJzZXEiOjF9"));
            } else {
                bad.addAll(INJECTIONS);
                bad.addAll(List.of("a".repeat(300), NON_ASCII));
                // A free-text filter (only a length) may match nothing with any text in it; past its
                // length it is refused like a shaped one.
                mustRefuse = schema.has("pattern") || schema.has("enum");
            }
            boolean shaped = mustRefuse;
            for (String value : bad) {
                boolean tooLong = schema.has("maxLength") && value.length() > schema.path("maxLength").asInt();
                probes.add(new Probe("query " + name + " = " + abbreviate(value), operation.method(),
                        expand(pathValues()) + "?" + name + "=" + encode(value), bodyTypeForParameterProbes(),
                        bodyForParameterProbes(), keyHeader(), shaped || tooLong));
            }
            String good = schemaType.equals("integer") ? "10" : schemaType.equals("boolean") ? "true"
                    : dateLike ? "2026-01-01T00:00:00Z" : "x";
            probes.add(new Probe("query " + name + " given twice", operation.method(),
                    expand(pathValues()) + "?" + name + "=" + good + "&" + name + "=" + good,
                    bodyTypeForParameterProbes(), bodyForParameterProbes(), keyHeader(), true));
        }
        probes.add(new Probe("unknown query parameter given twice", operation.method(),
                expand(pathValues()) + "?x=1&x=2", bodyTypeForParameterProbes(), bodyForParameterProbes(), keyHeader(), true));
    }

    private void headerProbes() {
        if (!operation.takesIdempotencyKey()) {
            return;
        }
        for (String key : List.of("", "k".repeat(256), "bad key\twith tab")) {
            probes.add(new Probe("Idempotency-Key of " + key.length() + " characters", operation.method(),
                    expand(pathValues()), bodyTypeForParameterProbes(), bodyForParameterProbes(),
                    List.of("Idempotency-Key", key), true));
        }
        probes.add(new Probe("no Idempotency-Key", operation.method(), expand(pathValues()),
                bodyTypeForParameterProbes(), bodyForParameterProbes(), List.of(), true));
    }

    // --- building blocks

    private void send(String kind, String contentType, String body, boolean mustRefuse) {
        probes.add(new Probe(kind, operation.method(), expand(pathValues()), contentType, body, keyHeader(), mustRefuse));
    }

    private List<String> keyHeader() {
        return operation.takesIdempotencyKey() ? List.of("Idempotency-Key", UUID.randomUUID().toString()) : List.of();
    }

    /** A parameter probe carries the spec's valid example body, so that only the parameter is wrong. */
    private String bodyForParameterProbes() {
        if (operation.jsonBody() != null) {
            return sample(operation.jsonBody(), 0).toString();
        }
        return operation.bodyTypes().isEmpty() ? null : "cust-1";
    }

    private String bodyTypeForParameterProbes() {
        if (operation.jsonBody() != null) {
            return "application/json";
        }
        return operation.bodyTypes().isEmpty() ? null : operation.bodyTypes().get(0);
    }

    private Map<String, String> pathValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode parameter : operation.parameters("path")) {
            JsonNode options = parameter.path("schema").path("enum");
            values.put(parameter.path("name").asText(), options.isArray() && !options.isEmpty() ? options.get(0).asText() : TARGET);
        }
        return values;
    }

    private String expand(Map<String, String> values) {
        String path = operation.path();
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", encode(value.getValue()));
        }
        return path;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String value) {
        String printable = value.replace("\u0000", "\\0");
        return printable.length() > 24 ? printable.substring(0, 12) + "…(" + printable.length() + ")" : printable;
    }

    /** A valid value for the schema: its example, its first enum value, or something of its type. */
    static JsonNode sample(JsonNode schema, int depth) {
        JsonNode resolved = SpecOperations.resolve(schema);
        if (resolved.has("example")) {
            return exampleOf(resolved);
        }
        if (resolved.has("enum")) {
            return resolved.path("enum").get(0);
        }
        switch (resolved.path("type").asText()) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                List<String> required = new ArrayList<>();
                resolved.path("required").forEach(name -> required.add(name.asText()));
                resolved.path("properties").fields().forEachRemaining(property -> {
                    JsonNode propertySchema = SpecOperations.resolve(property.getValue());
                    // Optional parts without examples stay out: a grant has points or a voucher, not both.
                    if (required.contains(property.getKey()) || propertySchema.has("example")) {
                        if (depth < 3 && !propertySchema.path("readOnly").asBoolean()) {
                            object.set(property.getKey(), sample(propertySchema, depth + 1));
                        }
                    }
                });
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                array.add(sample(resolved.path("items"), depth + 1));
                return array;
            }
            case "integer":
                return NODES.numberNode(Math.max(1, resolved.path("minimum").asLong(1)));
            case "boolean":
                return NODES.booleanNode(false);
            default:
                return resolved.path("format").asText().equals("date-time")
                        ? NODES.textNode("2031-01-01T00:00:00Z") : NODES.textNode("x");
        }
    }

    private static JsonNode exampleOf(JsonNode schema) {
        JsonNode example = schema.path("example");
        String type = schema.path("type").asText();
        if (type.equals("integer") && example.isTextual()) {
            return NODES.numberNode(Long.parseLong(example.asText()));
        }
        if (type.equals("boolean") && example.isTextual()) {
            return NODES.booleanNode(Boolean.parseBoolean(example.asText()));
        }
        return example;
    }

    private static JsonNode wrongType(JsonNode schema) {
        return switch (schema.path("type").asText()) {
            case "string" -> NODES.numberNode(12);
            case "integer" -> NODES.textNode("12");
            case "boolean" -> NODES.textNode("true");
            case "array" -> NODES.objectNode().put("a", 1);
            default -> NODES.arrayNode().add("x");
        };
    }

    /** A property somewhere in the body, with its resolved schema. */
    private record Field(List<String> path, JsonNode schema, boolean required) {
        String name() {
            return path.get(path.size() - 1);
        }

        @Override
        public String toString() {
            return String.join(".", path);
        }
    }

    private static List<Field> fields(JsonNode schema, List<String> prefix, int depth) {
        JsonNode resolved = SpecOperations.resolve(schema);
        List<Field> found = new ArrayList<>();
        List<String> required = new ArrayList<>();
        resolved.path("required").forEach(name -> required.add(name.asText()));
        Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            JsonNode propertySchema = SpecOperations.resolve(property.getValue());
            if (propertySchema.path("readOnly").asBoolean()) {
                continue;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(property.getKey());
            found.add(new Field(List.copyOf(path), propertySchema, required.contains(property.getKey())));
            if (depth < 2 && propertySchema.has("properties")) {
                found.addAll(fields(propertySchema, path, depth + 1));
            }
        }
        return found;
    }

    private static boolean has(ObjectNode body, List<String> path) {
        JsonNode node = body;
        for (String name : path) {
            node = node.path(name);
        }
        return !node.isMissingNode();
    }

    /** Sets the value at the path, making the objects on the way from their schemas' samples. */
    private void set(ObjectNode body, List<String> path, JsonNode value) {
        ObjectNode node = body;
        JsonNode schema = SpecOperations.resolve(operation.jsonBody());
        for (String name : path.subList(0, path.size() - 1)) {
            schema = SpecOperations.resolve(schema.path("properties").path(name));
            if (!(node.get(name) instanceof ObjectNode)) {
                node.set(name, sample(schema, 1));
            }
            node = (ObjectNode) node.get(name);
        }
        node.set(path.get(path.size() - 1), value);
    }

    private static void remove(ObjectNode body, List<String> path) {
        JsonNode node = body;
        for (String name : path.subList(0, path.size() - 1)) {
            node = node.path(name);
        }
        if (node instanceof ObjectNode object) {
            object.remove(path.get(path.size() - 1));
        }
    }

    /** Puts the injection in every string of the body; answers whether one of them had rules to break. */
    private static boolean replaceStrings(JsonNode node, JsonNode schema, String injection) {
        boolean constrained = false;
        JsonNode resolved = SpecOperations.resolve(schema);
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode propertySchema = SpecOperations.resolve(resolved.path("properties").path(name));
                JsonNode value = object.get(name);
                if (value.isTextual()) {
                    object.put(name, injection);
                    constrained |= propertySchema.has("pattern") || propertySchema.has("enum") || propertySchema.has("format");
                } else {
                    constrained |= replaceStrings(value, propertySchema, injection);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, NODES.textNode(injection));
                } else {
                    constrained |= replaceStrings(array.get(i), resolved.path("items"), injection);
                }
            }
        }
        return constrained;
    }
}
