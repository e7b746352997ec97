package com.amends.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.Api;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Keys that expire, roll and go unused, on servers of their own: the tests move the clock. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class KeyLifetimeApiTest extends OwnServerFixture {
    Api admin;

    @BeforeEach
    void setUp() {
        admin = server.as(Role.ADMIN);
    }

    @Nested
    class Expiring {
        @Test
        void shouldLetTheKeyInUntilItsExpiry_ThenRefuseItWith401_EvenFromTheCache() {
            Instant expiresAt = server.clock().instant().plus(Duration.ofHours(1));
            JsonNode key = create(Map.of("name", "temp-agent", "role", "agent", "expires_at", expiresAt.toString()));
            assertThat(Instant.parse(key.path("expires_at").asText())).isEqualTo(expiresAt);
            Api temp = server.withSecret(key.path("secret").asText());
            temp.get("/v1/me").expect(200); // its row is now in the key cache

            server.clock().advance(Duration.ofHours(1));
            Reply refused = temp.get("/v1/me");

            refused.expectProblem(401, "api_key_expired");
            assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(find(key.path("id").asText()).path("expires_at").asText()).isEqualTo(key.path("expires_at").asText());
        }

        @Test
        void shouldRefuseAnExpiryThatIsNotInTheFuture() {
            admin.post("/v1/api-keys", Map.of("name", "late", "role", "agent",
                    "expires_at", server.clock().instant().toString()), null).expectProblem(422, "validation_failed");
        }

        @Test
        void shouldRecordTheExpiryInTheAuditTrail() {
            Instant expiresAt = server.clock().instant().plus(Duration.ofDays(90));
            JsonNode key = create(Map.of("name", "audited", "role", "finance", "expires_at", expiresAt.toString()));

            JsonNode event = auditEvent("createApiKey", key.path("id").asText());
            assertThat(event.path("after").path("expires_at").asText()).isEqualTo(key.path("expires_at").asText());
            assertThat(event.toString()).doesNotContain(key.path("secret").asText());
        }
    }

    @Nested
    class Rolling {
        @Test
        void shouldAcceptBothSecretsDuringTheOverlap_AndOnlyTheNewOneAfterIt() {
            JsonNode key = create(Map.of("name", "helpdesk", "role", "agent"));
            Api old = server.withSecret(key.path("secret").asText());
            old.get("/v1/me").expect(200);

            JsonNode rolled = admin.post("/v1/api-keys/" + key.path("id").asText() + "/roll",
                    Map.of("overlap_seconds", 3600), null).expect(200);

            String secret = rolled.path("secret").asText();
            assertThat(secret).startsWith("sk_").isNotEqualTo(key.path("secret").asText());
            assertThat(rolled.path("id").asText()).isEqualTo(key.path("id").asText());
            Instant now = server.clock().instant();
            assertThat(Instant.parse(rolled.path("rolled_at").asText())).isEqualTo(now);
            assertThat(Instant.parse(rolled.path("previous_secret_expires_at").asText())).isEqualTo(now.plusSeconds(3600));
            Api fresh = server.withSecret(secret);
            old.get("/v1/me").expect(200);
            fresh.get("/v1/me").expect(200);
            JsonNode listed = find(key.path("id").asText());
            assertThat(listed.has("secret")).isFalse();
            assertThat(listed.path("rolled_at").asText()).isEqualTo(rolled.path("rolled_at").asText());

            server.clock().advance(Duration.ofSeconds(3599));
            old.get("/v1/me").expect(200);
            server.clock().advance(Duration.ofSeconds(1));

            old.get("/v1/me").expectProblem(401, "unauthorized");
            fresh.get("/v1/me").expect(200);
            assertThat(find(key.path("id").asText()).path("previous_secret_expires_at").isMissingNode()).isTrue();
        }

        @Test
        void shouldKeepTheOldSecretADayByDefault_AndNoTimeWhenToldSo() {
            JsonNode key = create(Map.of("name", "default-overlap", "role", "storefront"));
            JsonNode rolled = admin.post("/v1/api-keys/" + key.path("id").asText() + "/roll", Map.of(), null).expect(200);
            assertThat(Instant.parse(rolled.path("previous_secret_expires_at").asText()))
                    .isEqualTo(server.clock().instant().plus(Duration.ofHours(24)));

            JsonNode leaked = create(Map.of("name", "leaked", "role", "storefront"));
            JsonNode cut = admin.post("/v1/api-keys/" + leaked.path("id").asText() + "/roll",
                    Map.of("overlap_seconds", 0), null).expect(200);
            assertThat(cut.path("previous_secret_expires_at").isMissingNode()).isTrue();
            server.withSecret(leaked.path("secret").asText()).get("/v1/me").expectProblem(401, "unauthorized");
            server.withSecret(cut.path("secret").asText()).get("/v1/me").expect(200);
        }

        @Test
        void shouldRefuseAnOverlapOverAWeek_AKeyThatIsNotThere_OrRevoked() {
            JsonNode key = create(Map.of("name", "bounded", "role", "agent"));
            String roll = "/v1/api-keys/" + key.path("id").asText() + "/roll";
            admin.post(roll, Map.of("overlap_seconds", 7 * 24 * 3600 + 1), null).expectProblem(422, "validation_failed");
            admin.post(roll, Map.of("overlap_seconds", -1), null).expectProblem(422, "validation_failed");
            admin.post("/v1/api-keys/key_nope/roll", Map.of(), null).expectProblem(404, "api_key_not_found");
            admin.delete("/v1/api-keys/" + key.path("id").asText()).expect(200);
            admin.post(roll, Map.of(), null).expectProblem(409, "api_key_revoked");
            server.withSecret(key.path("secret").asText()).get("/v1/me").expectProblem(401, "unauthorized");
        }

        @Test
        void anExpiredKey_ShouldNeedANewExpiryToRoll() {
            JsonNode key = create(Map.of("name", "lapsed", "role", "agent",
                    "expires_at", server.clock().instant().plus(Duration.ofMinutes(5)).toString()));
            server.clock().advance(Duration.ofMinutes(10));
            String roll = "/v1/api-keys/" + key.path("id").asText() + "/roll";

            admin.post(roll, Map.of(), null).expectProblem(422, "validation_failed");
            Instant renewed = server.clock().instant().plus(Duration.ofDays(30));
            JsonNode rolled = admin.post(roll, Map.of("expires_at", renewed.toString()), null).expect(200);

            assertThat(Instant.parse(rolled.path("expires_at").asText())).isEqualTo(renewed);
            server.withSecret(rolled.path("secret").asText()).get("/v1/me").expect(200);
        }

        @Test
        void shouldRecordTheRollInTheAuditTrail_WithoutAnySecret() {
            JsonNode key = create(Map.of("name", "audited-roll", "role", "agent"));
            JsonNode rolled = admin.post("/v1/api-keys/" + key.path("id").asText() + "/roll",
                    Map.of("overlap_seconds", 600), null).expect(200);

            JsonNode event = auditEvent("rollApiKey", key.path("id").asText());
            assertThat(event.path("target_id").asText()).isEqualTo(key.path("id").asText());
            assertThat(event.path("before").path("rolled_at").isMissingNode()).isTrue();
            assertThat(event.path("after").path("rolled_at").asText()).isEqualTo(rolled.path("rolled_at").asText());
            assertThat(event.toString()).doesNotContain(rolled.path("secret").asText())
                    .doesNotContain(key.path("secret").asText()).doesNotContain("\"secret\"");
        }
    }

    @Nested
    class Unused {
        @Test
        void shouldReportKeysInForceThatNobodyUsedForTheGivenDays() {
            JsonNode busy = create(Map.of("name", "busy", "role", "agent"));
            JsonNode idle = create(Map.of("name", "idle", "role", "agent"));
            JsonNode gone = create(Map.of("name", "gone", "role", "agent"));
            admin.delete("/v1/api-keys/" + gone.path("id").asText()).expect(200);
            server.clock().advance(Duration.ofDays(31));
            server.withSecret(busy.path("secret").asText()).get("/v1/me").expect(200);

            List<String> unused = new ArrayList<>();
            admin.get("/v1/api-keys?unused_for_days=30&limit=100").expect(200).path("data")
                    .forEach(k -> unused.add(k.path("id").asText()));

            assertThat(unused).contains(idle.path("id").asText())
                    .doesNotContain(busy.path("id").asText(), gone.path("id").asText());
            for (String bad : List.of("0", "3651", "abc", "P30D")) {
                assertThat(admin.get("/v1/api-keys?unused_for_days=" + bad).status()).as(bad).isIn(400, 422);
            }
        }

        @Test
        void lastUse_ShouldBeWrittenAtMostOnceAMinute() {
            JsonNode key = create(Map.of("name", "chatty", "role", "storefront"));
            Api chatty = server.withSecret(key.path("secret").asText());
            chatty.get("/v1/me").expect(200);
            Instant first = server.clock().instant();
            assertThat(Instant.parse(find(key.path("id").asText()).path("last_used_at").asText())).isEqualTo(first);

            server.clock().advance(Duration.ofSeconds(59));
            chatty.get("/v1/me").expect(200);
            assertThat(Instant.parse(find(key.path("id").asText()).path("last_used_at").asText())).isEqualTo(first);

            server.clock().advance(Duration.ofSeconds(2));
            chatty.get("/v1/me").expect(200);
            assertThat(Instant.parse(find(key.path("id").asText()).path("last_used_at").asText()))
                    .isEqualTo(server.clock().instant());
        }
    }

    private JsonNode create(Map<String, Object> body) {
        return admin.post("/v1/api-keys", body, null).expect(201);
    }

    private JsonNode find(String id) {
        for (JsonNode key : admin.get("/v1/api-keys?limit=100").expect(200).path("data")) {
            if (key.path("id").asText().equals(id)) {
                return key;
            }
        }
        throw new AssertionError("key " + id + " not listed");
    }

    private JsonNode auditEvent(String action, String targetId) {
        JsonNode page = admin.get("/v1/audit-events?action=" + action + "&target_id=" + targetId).expect(200);
        assertThat(page.path("data")).hasSize(1);
        return page.path("data").get(0);
    }
}
