package com.amends.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Reply;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the report tests do to a server: sum its closed days, move its clock, ask as finance. */
final class ReportSteps {
    private ReportSteps() {}

    /** Runs the job that sums closed days, as the admin task does. */
    static void sumDays(TestServer server) {
        Reply reply = server.adminPort().raw("POST", "/tasks/sum-days", null, "");
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    }

    static void moveTo(TestServer server, Instant time) {
        server.clock().advance(Duration.between(server.clock().instant(), time));
    }

    /** Each question's answer, asked with a finance key, in the order asked. */
    static Map<String, JsonNode> ask(TestServer server, List<String> questions) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        questions.forEach(q -> answers.put(q, server.as(Role.FINANCE).get(q).expect(200)));
        return answers;
    }
}
