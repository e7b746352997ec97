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
    void shouldRefuseATimeThatLeavesTheZoneToGuess() {
        ParamConverter<Instant> time = converter(Instant.class);
        for (String vague : new String[] {"2026-11-20T00:00:00", "2026-11-20", "1763596800", "yesterday"}) {
            assertThatThrownBy(() -> time.fromString(vague)).as(vague)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO-8601");
        }
    }

    @Test
    void shouldLeaveOtherTypesToJaxRs() {
        assertThat(converter(String.class)).isNull();
        assertThat(converter(Integer.class)).isNull();
    }
}
