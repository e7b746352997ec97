package com.amends.platform.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Swagger's model reader, with one change: a property whose type is one of our schemas (Money,
 * a view) and which says something of its own ({@code @Schema(description = …)}) is written as
 * {@code allOf: [$ref]} beside its words. Swagger would otherwise write the words into the shared
 * schema itself, so that Money everywhere would carry the last property's description (and
 * nullable), and OpenAPI 3.0 allows nothing beside a bare {@code $ref}.
 */
final class PropertyRefs extends ModelResolver {
    PropertyRefs(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> next) {
        Annotation[] annotations = type.getCtxAnnotations();
        if (!type.isSchemaProperty() || annotations == null || !ownSchema(type)
                || Arrays.stream(annotations).noneMatch(io.swagger.v3.oas.annotations.media.Schema.class::isInstance)) {
            Schema<?> resolved = super.resolve(type, context, next);
            if (resolved != null && ownSchema(type)) {
                String name = resolved.get$ref() != null
                        ? resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1) : resolved.getName();
                Schema<?> model = name == null ? null : context.getDefinedModels().get(name);
                if (model != null) {
                    nullableOnlyWhereSent(_mapper.constructType(type.getType()), model);
                }
            }
            return resolved;
        }
        io.swagger.v3.oas.annotations.media.Schema words = Arrays.stream(annotations)
                .filter(io.swagger.v3.oas.annotations.media.Schema.class::isInstance)
                .map(io.swagger.v3.oas.annotations.media.Schema.class::cast).findFirst().orElseThrow();
        AnnotatedType plain = new AnnotatedType()
                .type(words.implementation() == Void.class ? type.getType() : words.implementation())
                .ctxAnnotations(Arrays.stream(annotations)
                        .filter(a -> !(a instanceof io.swagger.v3.oas.annotations.media.Schema))
                        .toArray(Annotation[]::new))
                .resolveAsRef(true)
                .components(type.getComponents())
                .jsonViewAnnotation(type.getJsonViewAnnotation());
        Schema<?> model = context.resolve(plain);
        String ref = model.get$ref() != null ? model.get$ref() : "#/components/schemas/" + model.getName();
        Schema<?> property = new Schema<>().allOf(List.of(new Schema<>().$ref(ref)));
        if (!words.description().isEmpty()) {
            property.setDescription(words.description());
        }
        if (words.nullable()) {
            property.setNullable(true);
        }
        return property;
    }

    /**
     * {@code @NotBlank} beside {@code @Size(max = …)} would leave the {@code minLength: 0} of the
     * size; a blank value is refused, so at least one character is the bound.
     */
    @Override
    protected boolean applyBeanValidatorAnnotations(BeanPropertyDefinition propDef, Schema property,
                                                    Annotation[] annotations, Schema parent,
                                                    boolean applyNotNullAnnotations) {
        boolean applied = super.applyBeanValidatorAnnotations(propDef, property, annotations, parent,
                applyNotNullAnnotations);
        if (property != null && annotations != null && "string".equals(property.getType())) {
            if (Arrays.stream(annotations).anyMatch(jakarta.validation.constraints.NotBlank.class::isInstance)) {
                property.setMinLength(1);
            } else if (Integer.valueOf(0).equals(property.getMinLength())) {
                property.setMinLength(null);
            }
        }
        return applied;
    }

    /**
     * The server leaves out a null field (Jackson's NON_NULL), except where a class or field says
     * ALWAYS: only there does a client see a null, so only there may a property say nullable.
     * Elsewhere a nullable would make generated clients wrap the field in a nullable holder for
     * a null that never comes.
     */
    private void nullableOnlyWhereSent(JavaType type, Schema<?> model) {
        if (model.getProperties() == null) {
            return;
        }
        BeanDescription bean = _mapper.getSerializationConfig().introspect(type);
        JsonInclude.Value base = bean.findPropertyInclusion(
                _mapper.getSerializationConfig().getDefaultPropertyInclusion(type.getRawClass()));
        for (BeanPropertyDefinition property : bean.findProperties()) {
            Schema<?> schema = model.getProperties().get(property.getName());
            if (schema == null) {
                continue;
            }
            Schema<?> items = schema.getItems();
            if (items != null && items.getAllOf() != null && items.getAllOf().size() == 1) {
                // A list's own words went to its items too: the items are the plain schema.
                schema.setItems(items.getAllOf().get(0));
            }
            JsonInclude.Value inclusion = base.withOverrides(property.findInclusion());
            if (inclusion.getValueInclusion() != JsonInclude.Include.ALWAYS) {
                schema.setNullable(null);
            }
        }
    }

    /** A record or class of ours that becomes a schema of its own; enums stay inline strings. */
    private boolean ownSchema(AnnotatedType type) {
        Class<?> raw = _mapper.constructType(type.getType()).getRawClass();
        return raw.getName().startsWith("com.amends.") && !raw.isEnum()
                && !java.util.Collection.class.isAssignableFrom(raw) && !java.util.Map.class.isAssignableFrom(raw);
    }
}
