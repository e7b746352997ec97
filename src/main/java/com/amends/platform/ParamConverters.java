package com.amends.platform;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads query parameters strictly: ISO-8601 times with Z or an offset
 * ({@code 2026-11-20T00:00:00Z}), and booleans only as {@code true} or {@code false} (JAX-RS would
 * read {@code active=yes} as false).
 */
@Provider
public final class ParamConverters implements ParamConverterProvider {
    private static final ParamConverter<Boolean> BOOLEAN = new ParamConverter<>() {
        @Override
        public Boolean fromString(String value) {
            if (value == null) {
                return null;
            }
            return switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("must be true or false");
            };
        }

        @Override
        public String toString(Boolean value) {
            return value.toString();
        }
    };

    private static final ParamConverter<Instant> INSTANT = new ParamConverter<>() {
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
        if (rawType == Instant.class) {
            return (ParamConverter<T>) INSTANT;
        }
        return rawType == Boolean.class ? (ParamConverter<T>) BOOLEAN : null;
    }
}
