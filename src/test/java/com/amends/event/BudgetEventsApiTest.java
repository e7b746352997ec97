package com.amends.event;

import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.OwnServerFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Budgets are global and the month moves, so these run on servers of their own. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class BudgetEventsApiTest extends OwnServerFixture {
    Api admin;
    Api agent;
    String category;
    String reason;

    @BeforeEach
    void setUp() {
        admin = server.as(Role.ADMIN);
        agent = server.as(Role.AGENT);
        category = "cat_" + UUID.randomUUID().toString().substring(0, 8);
        reason = "R_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        admin.post("/v1/reason-codes", Map.of("code", reason, "name", "Test", "category", category,
                "default_validity_days", 30), null).expect(201);
    }

    JsonNode grant(long points) {
        return agent.post("/v1/grants", with(pointsGrant(newCustomer(), points), "reason_code", reason)).expect(201);
    }

    void budget(String mode) {
        admin.raw("PUT", "/v1/budgets/" + category, "application/json",
                "{\"amount\": {\"amount\": 1000, \"currency\": \"EUR\"}, \"mode\": \"" + mode + "\"}").expect(200);
    }

    List<JsonNode> thresholds() {
        return Feed.all(admin, "type=budget.threshold_reached").stream()
                .filter(e -> e.path("data").path("object").path("scope").asText().equals(category)).toList();
    }

    static void assertThreshold(JsonNode event, String mode, String month, int percent, long committed) {
        JsonNode object = event.path("data").path("object");
        assertThat(object.path("object").asText()).isEqualTo("budget_threshold");
        assertThat(object.path("mode").asText()).isEqualTo(mode);
        assertThat(object.path("month").asText()).isEqualTo(month);
        assertThat(object.path("threshold").asInt()).isEqualTo(percent);
        assertThat(object.path("budget").path("amount").asLong()).isEqualTo(1000);
        assertThat(object.path("budget").path("currency").asText()).isEqualTo("EUR");
        assertThat(object.path("committed").path("amount").asLong()).isEqualTo(committed);
        assertThat(event.path("customer_id").isMissingNode()).isTrue();
        assertThat(event.path("request_id").asText()).isNotBlank();
    }

    String month() {
        return YearMonth.from(server.clock().instant().atZone(ZoneOffset.UTC)).toString();
    }

    @Test
    void shouldTellASoftBudgetPassing80And100Percent_OnceEachInAMonth() {
        String month = month();
        budget("soft");
        grant(500);
        assertThat(thresholds()).isEmpty();
        grant(400);
        assertThat(thresholds()).hasSize(1);
        JsonNode over = grant(200); // over a soft budget: waits for approval, and counts
        assertThat(over.path("status").asText()).isEqualTo("pending_approval");
        grant(100);

        List<JsonNode> told = thresholds();
        assertThat(told).hasSize(2);
        assertThreshold(told.get(0), "soft", month, 80, 900);
        assertThreshold(told.get(1), "soft", month, 100, 1100);
    }

    @Test
    void shouldTellAHardBudgetPassing80And100Percent_NotForAGrantItRefused_AndAgainNextMonth() {
        String month = month();
        budget("hard");
        grant(800);
        agent.post("/v1/grants", with(pointsGrant(newCustomer(), 300), "reason_code", reason))
                .expectProblem(422, "budget_exhausted");
        assertThat(thresholds()).hasSize(1);
        grant(200);
        agent.post("/v1/grants", with(pointsGrant(newCustomer(), 1), "reason_code", reason))
                .expectProblem(422, "budget_exhausted");
        List<JsonNode> told = thresholds();
        assertThat(told).hasSize(2);
        assertThreshold(told.get(0), "hard", month, 80, 800);
        assertThreshold(told.get(1), "hard", month, 100, 1000);

        server.clock().advance(Duration.ofDays(31)); // the next month
        grant(850);
        told = thresholds();
        assertThat(told).hasSize(3);
        assertThreshold(told.get(2), "hard", month(), 80, 850);
        assertThat(month()).isNotEqualTo(month);
    }
}
