package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.OwnServerFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** With the setting at its production value, a server of its own refuses endpoints on private addresses. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class WebhookPrivateAddressApiTest extends OwnServerFixture {
    @Test
    void shouldRefuseEndpointsOnLoopbackPrivateAndLinkLocalAddresses_StoringNothing() {
        server.setting("webhooks.allowPrivateAddresses", "false");
        var admin = server.as(Role.ADMIN);
        for (String url : List.of("http://127.0.0.1:8080/hooks", "http://localhost/hooks", "http://10.1.2.3/",
                "http://192.168.0.10/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/hooks")) {
            JsonNode problem = admin.post("/v1/webhook-endpoints", Map.of("url", url))
                    .expectProblem(422, "validation_failed");
            assertThat(problem.path("errors").get(0).path("field").asText()).as(url).isEqualTo("url");
        }
        int stored = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_endpoints")
                .mapTo(Integer.class).one());
        assertThat(stored).isZero();
    }
}
