package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A page's cursor gives back the key it was made from, and anything a client made up is refused with 400. */
@Tag("fast")
class CursorTest {
    private static void assertRefused(String cursor) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> Cursor.decode(cursor));
        assertThat(refused).as("cursor %s is refused", cursor).isNotNull();
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.INVALID_CURSOR);
        assertThat(refused.errorCode().status()).isEqualTo(400);
    }

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldGiveBackTheKey_WhateverItHoldsAndHoweverLong() {
        // 140 characters: longer than any sort key the server pages by (a time and two ids), as long as a cursor may be.
        for (String key : new String[] {"grt_01JDQ3Z6M0N5X2K8R4T7V9W1YB", "2026-11-22T10:00:00Z|cus_Ä 1", "x", "?".repeat(140)}) {
            String cursor = Cursor.encode(key);
            assertThat(cursor).as("safe in a URL unescaped").matches("[A-Za-z0-9_-]+");
            assertThat(Cursor.decode(cursor)).isEqualTo(key);
        }
    }

    @Test
    void shouldRefuseACursorLongerThanAnyThisServerIssues() {
        String tooLong = Cursor.encode("?".repeat(160));
        assertThat(tooLong.length()).isGreaterThan(Cursor.MAX_LENGTH);
        assertThatThrownBy(() -> Cursor.decode(tooLong)).isInstanceOf(ApiException.class)
                .hasMessageContaining("not one this server issued");
    }

    @Test
    void shouldMeanTheFirstPage_WhenThereIsNone() {
        assertThat(Cursor.decode(null)).isNull();
        assertThat(Cursor.decode("")).isNull();
        assertThat(Cursor.decodeLong(null)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldRefuseWhatThisServerDidNotIssue() {
        assertRefused("not base64!");
        assertRefused(base64("grt_01JDQ3Z6M0N5X2K8R4T7V9W1YB")); // a key without the version
        assertRefused(base64("2:grt_1")); // a version this server does not write
        assertRefused(base64("1:")); // the version and no key
    }

    @Test
    void shouldReadANumericKey_AndRefuseOneThatIsNoNumber() {
        assertThat(Cursor.decodeLong(Cursor.encode("1234"))).isEqualTo(1234L);
        ApiException refused = catchThrowableOfType(ApiException.class, () -> Cursor.decodeLong(Cursor.encode("12a")));
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.INVALID_CURSOR);
    }
}
