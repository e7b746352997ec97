package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class MaskedRequestLogTest {
    private final MaskedRequestLog log = new MaskedRequestLog(null, Pattern.compile("^/v1/vouchers/([^/]+)"),
            secret -> "****" + secret.substring(secret.length() - 2));

    @Test
    void shouldMaskTheSecretPart_AndKeepTheRestOfThePath() {
        assertThat(log.mask("/v1/vouchers/SECRET42")).isEqualTo("/v1/vouchers/****42");
        assertThat(log.mask("/v1/vouchers/SECRET42/redemptions")).isEqualTo("/v1/vouchers/****42/redemptions");
    }

    @Test
    void shouldLeaveOtherPathsAlone() {
        assertThat(log.mask("/v1/grants/grt_1")).isEqualTo("/v1/grants/grt_1");
        assertThat(log.mask("/v1/vouchers/")).isEqualTo("/v1/vouchers/");
        assertThat(log.mask("/x/v1/vouchers/SECRET42")).isEqualTo("/x/v1/vouchers/SECRET42");
    }
}
