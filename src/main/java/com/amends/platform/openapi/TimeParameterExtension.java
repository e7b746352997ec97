package com.amends.platform.openapi;

import com.amends.platform.ParamConverters;
import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.jaxrs2.ext.AbstractOpenAPIExtension;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.StringSchema;
import jakarta.ws.rs.Consumes;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A time parameter takes a date as well as a date-time ({@link ParamConverters}), which
 * {@code format: date-time} would refuse: its schema is a string of the forms the converter reads.
 */
final class TimeParameterExtension extends AbstractOpenAPIExtension {
    @Override
    public ResolvedParameter extractParameters(List<Annotation> annotations, Type type, Set<Type> typesToSkip,
                                               Components components, Consumes classConsumes, Consumes methodConsumes,
                                               boolean includeRequestBody, JsonView jsonViewAnnotation,
                                               Iterator<OpenAPIExtension> chain) {
        ResolvedParameter resolved = super.extractParameters(annotations, type, typesToSkip, components, classConsumes,
                methodConsumes, includeRequestBody, jsonViewAnnotation, chain);
        // Swagger hands over a Jackson JavaType, not the Class.
        if (TypeFactory.defaultInstance().constructType(type).getRawClass() == Instant.class) {
            resolved.parameters.forEach(parameter -> parameter.setSchema(new StringSchema()
                    .pattern(ParamConverters.TIME_PATTERN).maxLength(ParamConverters.TIME_MAX_LENGTH)
                    .example("2026-11-01")));
        }
        return resolved;
    }
}
