package com.amends.platform;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads query parameters strictly: times as ISO-8601 with Z or an offset
 * ({@code 2026-11-20T00:00:00Z}) or as a date ({@code 2026-11-20}, the start of that day in UTC),
 * never a local time whose zone is left to guess; booleans only as {@code true} or {@code false}
 * (JAX-RS would read {@code active=yes} as false). A refusal says what is accepted, and the
 * problem answer repeats it ({@link Refused}).
 */
@Provider
public final class ParamConverters implements ParamConverterProvider {
    /** The forms a time parameter takes, as its description in the API document says them. */
    public static final String TIME_FORMS = " A time with Z or an offset (2026-11-01T09:30:00Z), or a date (2026-11-01): "
            + "the start of that day, UTC.";
    /** The same for the end of a range, where a date is the start of its day too, so the day itself is left out. */
    public static final String END_FORMS = TIME_FORMS + " As an end, a date leaves its own day out: to=2026-12-01 "
            + "ends with November 30.";
    /** What a time parameter's schema allows: the forms above, and nothing the converter would refuse. */
    public static final String TIME_PATTERN =
            "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$";
    public static final int TIME_MAX_LENGTH = 35;

    private static final String TIME_REFUSAL =
            "must be a time with Z or an offset (2026-11-01T09:30:00Z) or a date (2026-11-01, the start of that day in UTC)";

    /** A value a converter here refused, with a message fit to show the client (unlike JAX-RS's own). */
    public static final class Refused extends IllegalArgumentException {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ParamConverter<Boolean> BOOLEAN = new ParamConverter<>() {
        @Override
        public Boolean fromString(String value) {
            if (value == null) {
                return null;
            }
            return switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new Refused("must be true or false", null);
            };
        }

        @Override
        public String toString(Boolean value) {
            return value.toString();
        }
    };

    private static final int DATE_LENGTH = "2026-11-01".length();

    private static final ParamConverter<Instant> INSTANT = new ParamConverter<>() {
        @Override
        public Instant fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return value.length() == DATE_LENGTH ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new Refused(TIME_REFUSAL, e);
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
