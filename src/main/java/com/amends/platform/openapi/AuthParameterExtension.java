package com.amends.platform.openapi;

import com.fasterxml.jackson.annotation.JsonView;
import io.dropwizard.auth.Auth;
import io.swagger.v3.jaxrs2.DefaultParameterExtension;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.oas.models.Components;
import jakarta.ws.rs.Consumes;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** A parameter marked {@code @Auth} is the authenticated caller, injected by the auth filter, not sent by the client. */
final class AuthParameterExtension extends DefaultParameterExtension {
    @Override
    public ResolvedParameter extractParameters(List<Annotation> annotations, Type type, Set<Type> typesToSkip,
                                               Components components, Consumes classConsumes, Consumes methodConsumes,
                                               boolean includeRequestBody, JsonView jsonViewAnnotation,
                                               Iterator<OpenAPIExtension> chain) {
        if (annotations.stream().anyMatch(Auth.class::isInstance)) {
            return new ResolvedParameter();
        }
        return super.extractParameters(annotations, type, typesToSkip, components, classConsumes, methodConsumes,
                includeRequestBody, jsonViewAnnotation, chain);
    }
}
