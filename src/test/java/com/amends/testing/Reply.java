package com.amends.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** An HTTP answer with its body parsed as JSON when it is JSON. */
public record Reply(int status, HttpHeaders headers, String text) {

    public JsonNode json() {
        return Api.parse(text);
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
        return header("Content-Type");
    }

    /** Asserts the status (with the body in the failure message) and answers the JSON body. */
    public JsonNode expect(int expected) {
        assertThat(status).as("status of answer %s", text).isEqualTo(expected);
        return text.isEmpty() ? null : json();
    }

    /** Asserts a problem answer with this status and code, and answers the problem. */
    public JsonNode expectProblem(int expectedStatus, String code) {
        assertThat(status).as("status of answer %s", text).isEqualTo(expectedStatus);
        assertThat(contentType()).startsWith("application/problem+json");
        JsonNode problem = json();
        assertThat(problem.path("code").asText()).as("code of %s", text).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
        assertThat(text).doesNotContain("Exception").doesNotContain("at com.").doesNotContain("SQL");
        return problem;
    }
}
