package com.amends.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A frame origin goes into a security header as it is written, so only a plain origin is accepted. */
@Tag("fast")
class ConsoleSettingsTest {
    private final Validator validator = Validators.newValidator();

    @Test
    void shouldAcceptOrigins_WithAWildcardFirstLabelAndAPort() {
        assertThat(problems(List.of("https://yourshop.zendesk.com", "https://*.gorgias.com", "http://localhost:3000")))
                .isEmpty();
    }

    @Test
    void shouldRefuseAnythingThatIsNotAnOrigin() {
        for (String origin : List.of("https://help.example.com; script-src *", "https://help.example.com/app", "*",
                "'self'", "help.example.com", "https://help.example.com 'unsafe-inline'", "javascript:alert(1)",
                "https://*", "https://exa*mple.com")) {
            assertThat(problems(List.of(origin))).as(origin).isNotEmpty();
        }
    }

    private List<String> problems(List<String> origins) {
        ConsoleSettings settings = new ConsoleSettings();
        settings.setSidebarFrameAncestors(origins);
        return validator.validate(settings).stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).toList();
    }
}
