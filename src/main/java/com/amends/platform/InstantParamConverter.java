package com.amends.platform;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads ISO-8601 times in query parameters, with Z or an offset ({@code 2026-11-20T00:00:00Z}). */
@Provider
public final class InstantParamConverter implements ParamConverterProvider {
    private static final ParamConverter<Instant> CONVERTER = new ParamConverter<>() {
        @Override
        public Instant fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be an ISO-8601 time such as 2026-11-20T00:00:00Z", e);
            }
        }

        @Override
        public String toString(Instant value) {
            return value.toString();
        }
    };

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return rawType == Instant.class ? (ParamConverter<T>) CONVERTER : null;
    }
}
