package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amends.webhook.WebhookSignature.Verification;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class WebhookSignatureTest {
    // The Standard Webhooks specification's published vector, as its reference libraries test it
    // (standard-webhooks/standard-webhooks, libraries/java/src/test/java/com/standardwebhooks/
    // WebhookTest.java, verifyWebhookSignWorks; the same values in its other libraries' tests).
    private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long VECTOR_TIMESTAMP = 1614265330L;
    private static final String VECTOR_BODY = "{\"test\": 2432232314}";
    private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final Instant VECTOR_NOW = Instant.ofEpochSecond(VECTOR_TIMESTAMP);
    private static final Duration TOLERANCE = WebhookSignature.DEFAULT_TOLERANCE;

    @Nested
    class Signing {
        @Test
        void shouldReproduceTheSpecificationsTestVector() {
            assertThat(WebhookSignature.sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY))
                    .isEqualTo(VECTOR_SIGNATURE);
        }

        @Test
        void shouldSignWithEveryLiveSecret_WhenASecretIsBeingRotated() {
            String next = WebhookSignature.newSecret(new SecureRandom());

            String header = WebhookSignature.header(List.of(VECTOR_SECRET, next), VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY);

            assertThat(header.split(" ")).containsExactly(
                    VECTOR_SIGNATURE, WebhookSignature.sign(next, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY));
            assertThat(WebhookSignature.matches(next, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY, header)).isTrue();
            assertThat(WebhookSignature.matches(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY, header)).isTrue();
        }

        @Test
        void shouldRefuseAnIdWithADot_WhichWouldBlurWhereTheIdEndsAndTheTimestampBegins() {
            assertThatThrownBy(() -> WebhookSignature.sign(VECTOR_SECRET, "msg.1", VECTOR_TIMESTAMP, VECTOR_BODY))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void shouldRefuseASecretThatIsTooShort_WithoutQuotingIt() {
            String weak = "whsec_" + Base64.getEncoder().encodeToString(new byte[16]);

            assertThatThrownBy(() -> WebhookSignature.sign(weak, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(weak.substring(6));
        }

        @Test
        void shouldRefuseASecretThatIsNotBase64_WithoutQuotingIt() {
            String garbled = "whsec_not base64 at all!";

            assertThatThrownBy(() -> WebhookSignature.sign(garbled, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("not base64 at all")
                    .hasNoCause();
        }
    }

    @Nested
    class NewSecrets {
        @Test
        void shouldBePrefixedBase64OfThirtyTwoRandomBytes() {
            String secret = WebhookSignature.newSecret(new SecureRandom());

            assertThat(secret).startsWith("whsec_");
            assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
            assertThat(WebhookSignature.isValidSecret(secret)).isTrue();
        }

        @Test
        void shouldDifferEachTime() {
            SecureRandom random = new SecureRandom();

            assertThat(WebhookSignature.newSecret(random)).isNotEqualTo(WebhookSignature.newSecret(random));
        }

        @Test
        void shouldTellValidSecretsFromInvalidOnes() {
            assertThat(WebhookSignature.isValidSecret(VECTOR_SECRET)).isTrue();
            assertThat(WebhookSignature.isValidSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isFalse();
            assertThat(WebhookSignature.isValidSecret("whsec_" + Base64.getEncoder().encodeToString(new byte[65])))
                    .isFalse();
            assertThat(WebhookSignature.isValidSecret(null)).isFalse();
        }
    }

    @Nested
    class Verifying {
        @Test
        void shouldAcceptTheTestVector() {
            assertThat(verify(VECTOR_ID, "1614265330", VECTOR_BODY, VECTOR_SIGNATURE, VECTOR_NOW))
                    .isEqualTo(Verification.VALID);
        }

        @Test
        void shouldFindTheMatchingSignatureAmongOthers_AsDuringARotation() {
            String header = "v1,bm9wZQ== v1a,c29tZXRoaW5nIGVsc2U= " + VECTOR_SIGNATURE;

            assertThat(verify(VECTOR_ID, "1614265330", VECTOR_BODY, header, VECTOR_NOW)).isEqualTo(Verification.VALID);
        }

        @Test
        void shouldRefuseABodyChangedByOneCharacter() {
            assertThat(verify(VECTOR_ID, "1614265330", "{\"test\":2432232314}", VECTOR_SIGNATURE, VECTOR_NOW))
                    .isEqualTo(Verification.SIGNATURE_MISMATCH);
        }

        @Test
        void shouldRefuseAnotherIdOrTimestampForTheSameBody() {
            assertThat(verify("msg_other", "1614265330", VECTOR_BODY, VECTOR_SIGNATURE, VECTOR_NOW))
                    .isEqualTo(Verification.SIGNATURE_MISMATCH);
            assertThat(verify(VECTOR_ID, "1614265331", VECTOR_BODY, VECTOR_SIGNATURE, VECTOR_NOW))
                    .isEqualTo(Verification.SIGNATURE_MISMATCH);
        }

        @Test
        void shouldRefuseAReplayOutsideTheTolerance_EitherWay() {
            assertThat(verify(VECTOR_ID, "1614265330", VECTOR_BODY, VECTOR_SIGNATURE, VECTOR_NOW.plus(TOLERANCE)))
                    .isEqualTo(Verification.VALID);
            assertThat(verify(VECTOR_ID, "1614265330", VECTOR_BODY, VECTOR_SIGNATURE,
                    VECTOR_NOW.plus(TOLERANCE).plusSeconds(1))).isEqualTo(Verification.TIMESTAMP_OUT_OF_TOLERANCE);
            assertThat(verify(VECTOR_ID, "1614265330", VECTOR_BODY, VECTOR_SIGNATURE,
                    VECTOR_NOW.minus(TOLERANCE).minusSeconds(1))).isEqualTo(Verification.TIMESTAMP_OUT_OF_TOLERANCE);
        }

        @Test
        void shouldCallMissingOrUnreadableHeadersMalformed() {
            assertThat(verify(VECTOR_ID, null, VECTOR_BODY, VECTOR_SIGNATURE, VECTOR_NOW)).isEqualTo(Verification.MALFORMED);
            assertThat(verify(VECTOR_ID, "yesterday", VECTOR_BODY, VECTOR_SIGNATURE, VECTOR_NOW)).isEqualTo(Verification.MALFORMED);
            assertThat(verify(null, "1614265330", VECTOR_BODY, VECTOR_SIGNATURE, VECTOR_NOW)).isEqualTo(Verification.MALFORMED);
            assertThat(verify(VECTOR_ID, "1614265330", VECTOR_BODY, " ", VECTOR_NOW)).isEqualTo(Verification.MALFORMED);
            assertThat(verify(VECTOR_ID, "-9223372036854775808", VECTOR_BODY, VECTOR_SIGNATURE, VECTOR_NOW))
                    .isEqualTo(Verification.TIMESTAMP_OUT_OF_TOLERANCE);
        }

        private Verification verify(String id, String timestamp, String body, String header, Instant now) {
            return WebhookSignature.verify(VECTOR_SECRET, id, timestamp, body, header, now, TOLERANCE);
        }
    }
}
