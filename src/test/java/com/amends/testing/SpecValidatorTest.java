package com.amends.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The validator every API test runs through finds what it is there to find. */
@Tag("fast")
class SpecValidatorTest {
    private static final Map<String, List<String>> AUTH = Map.of("Authorization", List.of("Bearer secret"));
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    private static final Map<String, List<String>> PROBLEM = Map.of("Content-Type", List.of("application/problem+json"));
    private static final String CALLER = "{\"key_id\":\"key_1\",\"name\":\"app\",\"role\":\"agent\"}";

    private final SpecValidator validator = SpecValidator.checkedIn();

    @Test
    void shouldPassAnAnswerTheSpecDescribes() {
        assertThat(validator.violations(me(200, JSON, CALLER))).isEmpty();
    }

    @Test
    void shouldFlagAFieldTheSpecDoesNotName() {
        assertThat(validator.violations(me(200, JSON, CALLER.replace("}", ",\"secret\":\"s\"}"))))
                .singleElement().asString().contains("secret");
    }

    @Test
    void shouldFlagAStatusTheSpecDoesNotList() {
        assertThat(validator.violations(me(418, PROBLEM, problem(418, "internal_error")))).singleElement().asString()
                .contains("418");
    }

    @Test
    void shouldFlagANullWhereTheSpecAllowsNone() {
        assertThat(validator.violations(me(200, JSON, CALLER.replace("\"app\"", "null")))).isNotEmpty();
    }

    @Test
    void shouldRequireARequestTheSpecRefusesToBeRefused() {
        String body = "{\"customer_id\":\"bad id!\",\"agent_id\":\"agent-7\",\"reason_code\":\"X\",\"case_ref\":\"c\","
                + "\"channel\":\"email\",\"points\":5}";
        assertThat(validator.violations(grant(body, 201, JSON, "{}")))
                .anySatisfy(v -> assertThat(v).contains("the spec calls the request invalid").contains("customer_id"));
        assertThat(validator.violations(grant(body, 422, PROBLEM, problem(422, "validation_failed")))).isEmpty();
    }

    @Test
    void shouldRefuseBothPointsAndAVoucher() {
        String body = "{\"customer_id\":\"c-1\",\"agent_id\":\"agent-7\",\"reason_code\":\"X\",\"case_ref\":\"c\","
                + "\"channel\":\"email\",\"points\":5,\"voucher\":{\"type\":\"amount\"}}";
        assertThat(validator.violations(grant(body, 201, JSON, "{}")))
                .anySatisfy(v -> assertThat(v).contains("the spec calls the request invalid"));
    }

    @Test
    void shouldFailTheCallerWithTheViolation() {
        assertThatThrownBy(() -> validator.check(me(200, JSON, "{\"key_id\":1}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("GET /v1/me -> 200");
    }

    private static SpecValidator.Exchange me(int status, Map<String, List<String>> headers, String body) {
        return new SpecValidator.Exchange("GET", "/v1/me", null, AUTH, null, status, headers, body);
    }

    private static SpecValidator.Exchange grant(String body, int status, Map<String, List<String>> headers, String answer) {
        Map<String, List<String>> request = Map.of("Authorization", List.of("Bearer secret"),
                "Content-Type", List.of("application/json"), "Idempotency-Key", List.of("k-1"));
        return new SpecValidator.Exchange("POST", "/v1/grants", null, request, body, status, headers, answer);
    }

    private static String problem(int status, String code) {
        return "{\"type\":\"urn:amends:problem:" + code + "\",\"title\":\"t\",\"status\":" + status + ",\"code\":\""
                + code + "\"}";
    }
}
