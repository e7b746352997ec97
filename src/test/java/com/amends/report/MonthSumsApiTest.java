package com.amends.report;

import static com.amends.testing.Bodies.grant;
import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.percentVoucherGrant;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Checkout;
import com.amends.testing.OwnServerFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A whole month is read from its month sums once its last day is summed, and a period that cuts
 * months reads their days: the same questions get the same answers before and after summing, and
 * still after the whole month's day rows are gone.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class MonthSumsApiTest extends OwnServerFixture {
    @Test
    void shouldAnswerTheSame_FromAWholeMonthsSums_AndFromTheDaysOfTheMonthsItCuts() {
        Api agent = server.as(Role.AGENT);
        Checkout checkout = new Checkout(server);
        String a = newCustomer();
        String b = newCustomer();
        agent.post("/v1/grants", with(with(pointsGrant(a, 500), "agent_id", "agent-a"), "channel", "email")).expect(201);
        String voucher = agent.post("/v1/grants", with(with(grant(b, "DAMAGED_ITEM"), "agent_id", "agent-b"),
                "voucher", Map.of("type", "amount", "value", Checkout.eur(2_000)))).expect(201)
                .path("voucher").path("code").asText();
        agent.post("/v1/grants", with(with(pointsGrant(b, 300), "agent_id", "agent-b"), "expires_at",
                "2026-11-26T00:00:00Z")).expect(201);
        checkout.redeemPoints(a, 50);
        agent.post("/v1/grants", percentVoucherGrant(newCustomer(), 10, 500)).expect(201); // costs nothing until spent
        ReportSteps.moveTo(server, Instant.parse("2026-11-26T12:00:00Z"));
        checkout.runExpiry();
        ReportSteps.moveTo(server, Instant.parse("2026-12-01T10:00:00Z"));
        agent.post("/v1/grants", with(pointsGrant(a, 70), "agent_id", "agent-c")).expect(201);
        checkout.redeemVoucher(voucher, 750).expect(201);
        ReportSteps.moveTo(server, Instant.parse("2026-12-03T10:00:00Z"));

        List<String> byMonth = List.of(
                "/v1/reports/goodwill-spend?from=2026-11-01&to=2027-01-01&group_by=reason,month",
                "/v1/reports/goodwill-spend?from=2026-10-15&to=2026-12-02&group_by=agent,channel",
                "/v1/reports/breakage?from=2026-11-01&to=2026-12-03",
                "/v1/reports/liability?from=2026-11-01&as_of=2026-12-02T12:00:00Z",
                "/v1/reports/liability?from=2026-12-01&as_of=2026-12-03T09:00:00Z",
                "/v1/reports/effectiveness?from=2026-11-01&to=2027-01-01&group_by=reason",
                "/v1/reports/effectiveness?from=2026-10-15T08:00:00Z&to=2026-12-02&group_by=agent,channel");
        String byWeek = "/v1/reports/goodwill-spend?from=2026-11-01&to=2026-12-03&group_by=reason,week";
        Map<String, JsonNode> fromPostings = ReportSteps.ask(server, byMonth);
        JsonNode weeksFromPostings = ReportSteps.ask(server, List.of(byWeek)).get(byWeek);

        ReportSteps.sumDays(server);

        assertThat(months()).as("November is summed with its last day; December is not over")
                .containsExactly(LocalDate.parse("2026-11-01"));
        assertThat(ReportSteps.ask(server, byMonth)).isEqualTo(fromPostings);
        assertThat(ReportSteps.ask(server, List.of(byWeek)).get(byWeek)).isEqualTo(weeksFromPostings);
        JsonNode spend = fromPostings.get(byMonth.get(0));
        assertThat(spend.path("rows").findValuesAsText("month")).contains("2026-11", "2026-12");
        JsonNode liability = fromPostings.get(byMonth.get(3)).path("units");
        assertThat(liability.findValuesAsText("unit")).containsExactly("EUR", "points");
        assertThat(liability.get(1).path("expired").asLong()).isEqualTo(300);

        JsonNode effectiveness = fromPostings.get(byMonth.get(5));
        assertThat(effectiveness.path("rows").findValues("grants").stream().mapToLong(JsonNode::asLong).sum())
                .as("three grants of points, two vouchers (one a percent voucher not spent)").isEqualTo(5);
        assertThat(effectiveness.path("rows").findValues("redeemed_grants").stream().mapToLong(JsonNode::asLong).sum())
                .as("the points spent in November, the voucher in December").isEqualTo(2);

        server.jdbi().useHandle(h -> {
            h.execute("DELETE FROM day_sums WHERE posted_on < DATE '2026-12-01'");
            h.execute("DELETE FROM grant_outcomes WHERE granted_at < TIMESTAMP WITH TIME ZONE '2026-12-01 00:00:00+00'");
            h.execute("DELETE FROM grant_firsts WHERE granted_at < TIMESTAMP WITH TIME ZONE '2026-12-01 00:00:00+00'");
        });
        assertThat(ReportSteps.ask(server, byMonth)).as("whole Novembers come from the month's sums, not its days")
                .isEqualTo(fromPostings);
    }

    private List<LocalDate> months() {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT posted_on FROM month_sums ORDER BY posted_on")
                .mapTo(LocalDate.class).list());
    }
}
