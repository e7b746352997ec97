package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.ParamException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every refusal leaves as the same RFC 9457 document, whatever raised it: a service's
 * ApiException, Jackson reading a body, JAX-RS routing, or a bug. (ErrorShapeApiTest checks the
 * same over HTTP for a few; this covers the mapping itself.)
 */
@Tag("fast")
class ProblemShapeTest {
    private static final ObjectMapper JSON = Json.configure(new ObjectMapper().findAndRegisterModules());
    private static final ProblemMapper MAPPER = new ProblemMapper(java.time.Clock.systemUTC());

    /** A request body as the resources declare them. */
    record Body(Long points, String note) {}

    private static JsonNode json(Problem problem) {
        return JSON.valueToTree(problem);
    }

    private static Problem readingFails(String body) {
        Throwable failure = catchThrowable(() -> JSON.readValue(body, Body.class));
        assertThat(failure).as("reading %s fails", body).isNotNull();
        return MAPPER.toProblem(failure);
    }

    @Nested
    class FromApiExceptions {
        @Test
        void shouldCarryTheStableCode_TheStatus_AndEveryFieldError_InTheDocumentedOrder() throws Exception {
            ApiException refused = new ApiException(ErrorCode.VALIDATION_FAILED, "2 fields are not valid",
                    List.of(new FieldError("customer_id", "must not be blank"), new FieldError("points", "must be positive")),
                    Map.of());

            String written = JSON.writeValueAsString(refused.toProblem());

            assertThat(written).isEqualTo("{\"type\":\"urn:amends:problem:validation_failed\","
                    + "\"title\":\"The request is not valid\",\"status\":422,\"code\":\"validation_failed\","
                    + "\"detail\":\"2 fields are not valid\",\"errors\":["
                    + "{\"field\":\"customer_id\",\"message\":\"must not be blank\"},"
                    + "{\"field\":\"points\",\"message\":\"must be positive\"}]}");
        }

        @Test
        void shouldLeaveOutErrors_WhenNoFieldIsAtFault() {
            JsonNode problem = json(new ApiException(ErrorCode.GRANT_NOT_FOUND, "No grant grt_1").toProblem());
            assertThat(problem.has("errors")).isFalse();
            assertThat(problem.path("status").asInt()).isEqualTo(404);
            assertThat(problem.path("detail").asText()).isEqualTo("No grant grt_1");
        }

        @Test
        void shouldPutExtensionsAtTheTopLevel() {
            JsonNode problem = json(new ApiException(ErrorCode.BUDGET_EXHAUSTED, "No room", List.of(),
                    Map.of("budget_id", "bud_1", "remaining", 300)).toProblem());
            assertThat(problem.path("budget_id").asText()).isEqualTo("bud_1");
            assertThat(problem.path("remaining").asLong()).isEqualTo(300);
        }

        @Test
        void shouldAnswerAsProblemJson_WithRetryAfter_WhenTheRefusalSaysWhenToRetry() {
            Response response = MAPPER.toResponse(new ApiException(ErrorCode.TOO_MANY_FAILED_LOOKUPS, "Wait",
                    List.of(), Map.of("retry_after_seconds", 40L)));
            assertThat(response.getStatus()).isEqualTo(429);
            assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
            assertThat(response.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("40");
            assertThat(MAPPER.toResponse(new ApiException(ErrorCode.NOT_FOUND, "No"))
                    .getHeaderString(HttpHeaders.RETRY_AFTER)).isNull();
        }

        @Test
        void shouldFindTheRefusal_WhenSomethingElseWrappedIt() {
            RuntimeException wrapped = new RuntimeException("reading the body",
                    new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large"));
            assertThat(MAPPER.toProblem(wrapped).getCode()).isEqualTo("payload_too_large");
        }
    }

    @Nested
    class FromBodiesThatCannotBeRead {
        @Test
        void shouldNameAnUnknownField() {
            Problem problem = readingFails("{\"points\": 5, \"pointz\": 5}");
            assertThat(problem.getCode()).isEqualTo("validation_failed");
            assertThat(problem.getErrors()).containsExactly(new FieldError("pointz", "is not a known field"));
        }

        @Test
        void shouldSayWhatTypeAFieldNeeds_RefusingANumberInQuotes() {
            Problem problem = readingFails("{\"points\": \"500\"}");
            assertThat(problem.getErrors()).containsExactly(
                    new FieldError("points", "has the wrong type; expected an integer"));
            assertThat(problem.getDetail()).isEqualTo("points has the wrong type; expected an integer");
        }

        @Test
        void shouldTellABodyThatIsNoObject_FromOneThatIsNoJson() {
            Problem notAnObject = readingFails("[1, 2]");
            assertThat(notAnObject.getCode()).isEqualTo("malformed_json");
            assertThat(notAnObject.getDetail()).isEqualTo("The body must be a JSON object");
            Problem broken = readingFails("{\"points\": ");
            assertThat(broken.getCode()).isEqualTo("malformed_json");
            assertThat(broken.getStatus()).isEqualTo(400);
        }
    }

    @Nested
    class FromTheFramework {
        @Test
        void shouldAnswer404_ForAPathThatDoesNotExist() {
            assertThat(MAPPER.toProblem(new NotFoundException()).getCode()).isEqualTo("not_found");
        }

        @Test
        void shouldSayWhichMethodsAPathTakes() {
            Response response = MAPPER.toResponse(new NotAllowedException("GET", new String[] {"POST"}));
            assertThat(response.getStatus()).isEqualTo(405);
            assertThat(response.getAllowedMethods()).containsExactlyInAnyOrder("GET", "POST");
        }

        @Test
        void shouldNameAQueryParameterThatCouldNotBeRead() {
            Problem problem = MAPPER.toProblem(new ParamException.QueryParamException(
                    new IllegalArgumentException("must be true or false"), "active", null));
            assertThat(problem.getCode()).isEqualTo("invalid_parameter");
            assertThat(problem.getErrors()).containsExactly(new FieldError("active", "is not valid"));
        }

        @Test
        void shouldSayWhatAParameterTakes_WhenOurConverterRefusedIt() {
            Problem problem = MAPPER.toProblem(new ParamException.QueryParamException(
                    new ParamConverters.Refused("must be true or false", null), "active", null));
            assertThat(problem.getDetail()).isEqualTo("Parameter active must be true or false");
            assertThat(problem.getErrors()).containsExactly(new FieldError("active", "must be true or false"));
        }

        @Test
        void shouldHideABugsMessage_BehindAReferenceToTheLog() {
            Problem problem = MAPPER.toProblem(new IllegalStateException("SELECT secret FROM api_keys"));
            JsonNode json = json(problem);
            assertThat(problem.getStatus()).isEqualTo(500);
            assertThat(problem.getCode()).isEqualTo("internal_error");
            assertThat(json.toString()).doesNotContain("SELECT", "api_keys", "IllegalStateException");
            String reference = json.path("reference").asText();
            assertThat(reference).isNotEmpty();
            assertThat(problem.getDetail()).endsWith("quote reference " + reference);
        }
    }
}
