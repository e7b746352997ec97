package com.amends.platform.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A body that carries exactly one of a few fields (points or a voucher) is, in the document, a
 * {@code oneOf} of one schema per choice, each with its field required and the others absent,
 * so that a client generator makes it a type and a validator refuses both or neither. The
 * record stays one class with the fields side by side, which is what the server reads.
 */
public final class OneOf {
    private OneOf() {}

    /**
     * Replaces schema {@code name} by a {@code oneOf} of {@code choices}: variant name → the one
     * exclusive field it carries, or null for the variant that carries none of them.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static OpenAPI split(OpenAPI api, String name, Map<String, String> choices, Map<String, String> descriptions) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Schema<?> base = schemas.get(name);
        if (base == null || base.getProperties() == null) {
            throw new IllegalStateException("No schema " + name + " with properties to split");
        }
        List<String> exclusive = choices.values().stream().filter(java.util.Objects::nonNull).toList();
        List<Schema> variants = new ArrayList<>();
        choices.forEach((variant, field) -> {
            if (field != null && !base.getProperties().containsKey(field)) {
                throw new IllegalStateException(name + " has no property " + field);
            }
            Schema<?> schema = new Schema<>().type("object").description(descriptions.get(variant));
            Map<String, Schema> properties = new LinkedHashMap<>();
            base.getProperties().forEach((property, value) -> {
                if (!exclusive.contains(property) || property.equals(field)) {
                    properties.put(property, value);
                }
            });
            schema.setProperties((Map) properties);
            List<String> required = new ArrayList<>(base.getRequired() == null ? List.of() : base.getRequired());
            if (field != null) {
                required.add(field);
            }
            schema.setRequired(required.isEmpty() ? null : required.stream().sorted().toList());
            schema.setAdditionalProperties(false);
            schemas.put(variant, schema);
            variants.add(new Schema<>().$ref("#/components/schemas/" + variant));
        });
        Schema<?> choice = new Schema<>().description(base.getDescription());
        choice.setOneOf(variants);
        schemas.put(name, choice);
        api.getComponents().setSchemas(new java.util.TreeMap<>(schemas));
        return api;
    }

    /**
     * Makes the discriminator of {@code name}'s variants read-only: answers carry it, requests leave
     * it out. It is then neither required nor a declared discriminator (a validator refuses a
     * discriminator that is not required), but each variant still allows only its own value, which
     * is what a generated client tells the variants apart by.
     */
    @SuppressWarnings("rawtypes")
    public static OpenAPI readOnly(OpenAPI api, String name, String property) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Schema<?> choice = schemas.get(name);
        choice.setDiscriminator(null);
        for (Schema<?> variant : choice.getOneOf()) {
            Schema<?> schema = schemas.get(variant.get$ref().substring("#/components/schemas/".length()));
            ((Schema) schema.getProperties().get(property)).setReadOnly(true);
            schema.setRequired(schema.getRequired().stream().filter(field -> !field.equals(property)).toList());
        }
        return api;
    }

    /**
     * Replaces schema {@code name} by a {@code oneOf} told apart by the value of its property
     * {@code discriminator}: variant name → that value and the fields it takes (besides the
     * discriminator), the first of them required.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static OpenAPI byValue(OpenAPI api, String name, String discriminator, Map<String, String> values,
                                  Map<String, List<String>> fields, Map<String, String> descriptions) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Schema<?> base = schemas.get(name);
        if (base == null || base.getProperties() == null || !base.getProperties().containsKey(discriminator)) {
            throw new IllegalStateException("No schema " + name + " with a property " + discriminator);
        }
        List<Schema> variants = new ArrayList<>();
        io.swagger.v3.oas.models.media.Discriminator lookup =
                new io.swagger.v3.oas.models.media.Discriminator().propertyName(discriminator);
        values.forEach((variant, value) -> {
            Schema<?> schema = new Schema<>().type("object").description(descriptions.get(variant));
            Map<String, Schema> properties = new LinkedHashMap<>();
            properties.put(discriminator, new io.swagger.v3.oas.models.media.StringSchema()._enum(List.of(value)));
            for (String field : fields.get(variant)) {
                Schema<?> property = base.getProperties().get(field);
                if (property == null) {
                    throw new IllegalStateException(name + " has no property " + field);
                }
                properties.put(field, property);
            }
            schema.setProperties((Map) properties);
            schema.setRequired(List.of(discriminator, fields.get(variant).get(0)).stream().sorted().toList());
            schema.setAdditionalProperties(false);
            schemas.put(variant, schema);
            String ref = "#/components/schemas/" + variant;
            variants.add(new Schema<>().$ref(ref));
            lookup.mapping(value, ref);
        });
        Schema<?> choice = new Schema<>().description(base.getDescription()).discriminator(lookup);
        choice.setOneOf(variants);
        schemas.put(name, choice);
        api.getComponents().setSchemas(new java.util.TreeMap<>(schemas));
        return api;
    }
}
