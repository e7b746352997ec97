package com.amends.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.Api;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class ApiKeyApiTest {
    @Parameter
    TestServer server;

    Api admin;

    @BeforeEach
    void setUp() {
        admin = server.as(Role.ADMIN);
    }

    @Nested
    class Creating {
        @Test
        void shouldShowTheSecretOnce_AndLetItIn() {
            JsonNode key = admin.post("/v1/api-keys", Map.of("name", "zendesk-app", "role", "agent"), null).expect(201);

            assertThat(key.path("id").asText()).startsWith("key_");
            assertThat(key.path("role").asText()).isEqualTo("agent");
            String secret = key.path("secret").asText();
            assertThat(secret).startsWith("sk_").hasSizeGreaterThan(40);
            server.withSecret(secret).get("/v1/reason-codes").expect(200);

            JsonNode listed = find(key.path("id").asText());
            assertThat(listed.has("secret")).isFalse();
            assertThat(listed.path("last_used_at").asText()).isNotEmpty();
            String stored = server.jdbi().withHandle(h -> h.createQuery("SELECT secret_hash FROM api_keys WHERE id = :id")
                    .bind("id", key.path("id").asText()).mapTo(String.class).one());
            assertThat(stored).doesNotContain(secret.substring(secret.indexOf('.') + 1)).hasSize(64);
        }

        @Test
        void shouldRefuseBadRequests_AndOtherRoles() {
            admin.post("/v1/api-keys", Map.of("name", "x", "role", "overlord"), null).expectProblem(422, "validation_failed");
            admin.post("/v1/api-keys", Map.of("name", "", "role", "agent"), null).expectProblem(422, "validation_failed");
            admin.post("/v1/api-keys", Map.of("role", "agent"), null).expectProblem(422, "validation_failed");
            for (Role role : List.of(Role.AGENT, Role.SUPERVISOR, Role.STOREFRONT, Role.FINANCE)) {
                server.as(role).post("/v1/api-keys", Map.of("name", "x", "role", "admin"), null).expectProblem(403, "forbidden");
                server.as(role).get("/v1/api-keys").expectProblem(403, "forbidden");
            }
        }
    }

    @Nested
    class AskingWhoAmI {
        @Test
        void shouldAnswerEachRoleWithItsOwnKey() {
            for (Role role : Role.values()) {
                JsonNode me = server.as(role).get("/v1/me").expect(200);
                assertThat(me.path("role").asText()).isEqualTo(role.wire());
                assertThat(me.path("name").asText()).isEqualTo("test-" + role.wire());
                assertThat(me.path("key_id").asText()).startsWith("key_");
            }
            server.withSecret("sk_nope").get("/v1/me").expectProblem(401, "unauthorized");
        }
    }

    @Nested
    class Revoking {
        @Test
        void shouldShutTheKeyOut_FromTheNextRequestOn() {
            JsonNode key = admin.post("/v1/api-keys", Map.of("name", "temp", "role", "finance"), null).expect(201);
            Api temp = server.withSecret(key.path("secret").asText());
            temp.get("/v1/reports/reconciliation").expect(200);

            JsonNode revoked = admin.delete("/v1/api-keys/" + key.path("id").asText()).expect(200);

            assertThat(revoked.path("revoked_at").asText()).isNotEmpty();
            temp.get("/v1/reports/reconciliation").expectProblem(401, "unauthorized");
            admin.delete("/v1/api-keys/" + key.path("id").asText()).expectProblem(409, "api_key_revoked");
            admin.delete("/v1/api-keys/key_nope").expectProblem(404, "api_key_not_found");
        }

        @Test
        void shouldShutOutAKeyRevokedThroughAnotherInstance_WithinTheCacheTime() throws InterruptedException {
            JsonNode key = admin.post("/v1/api-keys", Map.of("name", "elsewhere", "role", "agent"), null).expect(201);
            Api elsewhere = server.withSecret(key.path("secret").asText());
            elsewhere.get("/v1/me").expect(200);

            // Another instance's revocation reaches this one only through the database.
            server.jdbi().useHandle(h -> h.createUpdate("UPDATE api_keys SET revoked_at = CURRENT_TIMESTAMP WHERE id = :id")
                    .bind("id", key.path("id").asText()).execute());

            long started = System.nanoTime();
            while (elsewhere.get("/v1/me").status() != 401) {
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                Thread.sleep(50);
            }
        }

        @Test
        void shouldRefuseASecretWithTheRightIdButAWrongTail() {
            JsonNode key = admin.post("/v1/api-keys", Map.of("name", "tail", "role", "agent"), null).expect(201);
            String secret = key.path("secret").asText();
            String forged = secret.substring(0, secret.length() - 2) + (secret.endsWith("AA") ? "BB" : "AA");
            server.withSecret(forged).get("/v1/reason-codes").expectProblem(401, "unauthorized");
        }
    }

    private JsonNode find(String id) {
        String cursor = null;
        do {
            JsonNode page = admin.get("/v1/api-keys?limit=100" + (cursor == null ? "" : "&cursor=" + cursor)).expect(200);
            for (JsonNode key : page.path("data")) {
                if (key.path("id").asText().equals(id)) {
                    return key;
                }
            }
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);
        throw new AssertionError("key " + id + " not listed");
    }

    @Test
    void shouldListNewestFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(admin.post("/v1/api-keys", Map.of("name", "k" + i, "role", "agent"), null).expect(201).path("id").asText());
        }
        JsonNode page = admin.get("/v1/api-keys?limit=3").expect(200);
        List<String> listed = new ArrayList<>();
        page.path("data").forEach(k -> listed.add(k.path("id").asText()));
        java.util.Collections.reverse(ids);
        assertThat(listed).containsExactlyElementsOf(ids);
        assertThat(page.path("next_cursor").isNull()).isFalse();
    }
}
