package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.ext.ParamConverter;
import java.lang.annotation.Annotation;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Query parameters are read as written, never guessed at: {@code active=yes} is an error, not false. */
@Tag("fast")
class ParamConvertersTest {
    private final ParamConverters converters = new ParamConverters();

    private <T> ParamConverter<T> converter(Class<T> type) {
        return converters.getConverter(type, type, new Annotation[0]);
    }

    @Test
    void shouldReadOnlyTrueAndFalse_AsBooleans() {
        ParamConverter<Boolean> bool = converter(Boolean.class);
        assertThat(bool.fromString("true")).isTrue();
        assertThat(bool.fromString("false")).isFalse();
        assertThat(bool.fromString(null)).isNull();
        for (String guess : new String[] {"yes", "no", "1", "0", "TRUE", "False", ""}) {
            assertThatThrownBy(() -> bool.fromString(guess)).as(guess)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("must be true or false");
        }
    }

    @Test
    void shouldReadTimesWithAZoneOrOffset_AsTheSameInstant() {
        ParamConverter<Instant> time = converter(Instant.class);
        assertThat(time.fromString("2026-11-20T00:00:00Z")).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(time.fromString("2026-11-20T02:00:00+02:00")).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(time.fromString("2026-11-20T00:00:00.123Z")).isEqualTo(Instant.parse("2026-11-20T00:00:00.123Z"));
        assertThat(time.fromString(null)).isNull();
    }

    @Test
    void shouldReadADate_AsTheStartOfThatDayInUtc() {
        ParamConverter<Instant> time = converter(Instant.class);
        assertThat(time.fromString("2026-11-01")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(time.fromString("2024-02-29")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
    }

    @Test
    void shouldRefuseATimeThatLeavesTheZoneToGuess_SayingTheFormsItTakes() {
        ParamConverter<Instant> time = converter(Instant.class);
        for (String vague : new String[] {"2026-11-20T00:00:00", "2026-11-20T00:00", "2026-02-30", "2026-1-011",
                "1763596800", "20261120", "yesterday", ""}) {
            assertThatThrownBy(() -> time.fromString(vague)).as(vague)
                    .isInstanceOf(ParamConverters.Refused.class)
                    .hasMessageContaining("2026-11-01T09:30:00Z").hasMessageContaining("a date (2026-11-01");
        }
    }

    @Test
    void shouldAllowInTheApiDocument_ExactlyTheFormsItReads() {
        java.util.regex.Pattern documented = java.util.regex.Pattern.compile(ParamConverters.TIME_PATTERN);
        for (String taken : new String[] {"2026-11-01", "2026-11-01T09:30Z", "2026-11-01T09:30:00Z",
                "2026-11-01T09:30:00.123456789+02:00", "2026-11-01T09:30:00-05:00"}) {
            assertThat(documented.matcher(taken).matches()).as(taken).isTrue();
            assertThat(converter(Instant.class).fromString(taken)).as(taken).isNotNull();
            assertThat(taken.length()).isLessThanOrEqualTo(ParamConverters.TIME_MAX_LENGTH);
        }
        for (String refused : new String[] {"2026-11-20T00:00:00", "1763596800", "x2026-11-01", "2026-11-01Z"}) {
            assertThat(documented.matcher(refused).matches()).as(refused).isFalse();
        }
    }

    @Test
    void shouldLeaveOtherTypesToJaxRs() {
        assertThat(converter(String.class)).isNull();
        assertThat(converter(Integer.class)).isNull();
    }
}
