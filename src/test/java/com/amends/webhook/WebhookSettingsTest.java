package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.Duration;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class WebhookSettingsTest {
    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void shouldRefuseAClaimLeaseNoLongerThanTheTimeout_SinceNothingWouldEverBeSent() {
        WebhookSettings settings = new WebhookSettings();
        settings.setTimeout(Duration.seconds(15));
        settings.setClaimLease(Duration.seconds(15));

        assertThat(validator.validate(settings)).extracting(v -> v.getMessage())
                .contains("webhooks.claimLease must be longer than webhooks.timeout");
    }

    @Test
    void shouldTakeTheDefaults() {
        assertThat(validator.validate(new WebhookSettings())).isEmpty();
    }
}
