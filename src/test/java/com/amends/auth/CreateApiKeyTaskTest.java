package com.amends.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.Reply;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The first admin key while the server runs: {@code POST /tasks/create-api-key} on the admin port. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class CreateApiKeyTaskTest {
    @Parameter
    TestServer server;

    @Test
    void shouldAnswerTheSecretAlone_AndLetItIn_WithItsAuditRecord() {
        String name = "ops-" + UUID.randomUUID();

        Reply reply = server.adminPort().raw("POST", "/tasks/create-api-key?role=admin&name=" + name, null, "");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.text()).matches("sk_[0-9A-Z]{26}\\.[A-Za-z0-9_-]{43}\n");
        JsonNode me = server.withSecret(reply.text().strip()).get("/v1/me").expect(200);
        assertThat(me.path("role").asText()).isEqualTo("admin");
        assertThat(me.path("name").asText()).isEqualTo(name);
        JsonNode audit = server.as(Role.FINANCE)
                .get("/v1/audit-events?action=createApiKey&target_id=" + me.path("key_id").asText()).expect(200)
                .path("data");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("api_key_id").isNull()).as("made by the operator, not by a key").isTrue();
        assertThat(audit.get(0).path("after").path("name").asText()).isEqualTo(name);
        assertThat(audit.get(0).path("after").has("secret")).isFalse();
    }

    @Test
    void shouldRefuseAnUnknownRoleOrAMissingName_SayingWhy_AndMakeNoKey() {
        String name = "nope-" + UUID.randomUUID();

        Reply unknownRole = server.adminPort().raw("POST", "/tasks/create-api-key?role=boss&name=" + name, null, "");
        Reply noName = server.adminPort().raw("POST", "/tasks/create-api-key?role=agent", null, "");
        Reply byGet = server.adminPort().get("/tasks/create-api-key?role=admin&name=" + name);

        // Dropwizard answers a task's failure 500; the operator reads the reason in the answer.
        assertThat(unknownRole.status()).isEqualTo(500);
        assertThat(unknownRole.text()).contains("role must be one of admin, supervisor, agent, storefront, finance");
        assertThat(noName.status()).isEqualTo(500);
        assertThat(noName.text()).contains("give name once");
        assertThat(byGet.status()).as("a task runs on POST alone").isEqualTo(405);
        long made = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_keys WHERE name = :name")
                .bind("name", name).mapTo(Long.class).one());
        assertThat(made).isZero();
    }
}
