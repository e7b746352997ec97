package com.amends.report;

import static com.amends.testing.Bodies.grant;
import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Checkout;
import com.amends.testing.Concurrently;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reports read summed days from their sums and the rest from the postings: the same question
 * asked before and after its days were summed (by the job, here its admin task) gets the same
 * answer, to the cent.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class DaySumsApiTest extends OwnServerFixture {
    @Test
    void shouldAnswerTheSame_BeforeAndAfterTheDaysAreSummed_AndCountWhatCameAfter() {
        Api agent = server.as(Role.AGENT);
        Api shop = server.as(Role.STOREFRONT);
        Checkout checkout = new Checkout(server);
        Instant dayOne = server.clock().instant().atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        String a = newCustomer();
        String b = newCustomer();

        agent.post("/v1/grants", with(with(pointsGrant(a, 500), "agent_id", "agent-a"), "channel", "email")).expect(201);
        String voucher = agent.post("/v1/grants", with(with(with(grant(b, "DAMAGED_ITEM"), "agent_id", "agent-b"),
                "channel", "phone"), "voucher", Map.of("type", "amount", "value", Checkout.eur(2_000)))).expect(201)
                .path("voucher").path("code").asText();
        agent.post("/v1/grants", with(with(pointsGrant(b, 300), "agent_id", "agent-b"), "expires_at",
                dayOne.plus(Duration.ofHours(24)).plusMillis(500).toString())).expect(201);
        shop.post("/v1/holds", Map.of("customer_id", a, "order_ref", "o-hold", "points", 100)).expect(201);
        checkout.redeemPoints(a, 50);
        ReportSteps.moveTo(server, dayOne.plus(Duration.ofHours(24)).minusSeconds(1));
        agent.post("/v1/grants", with(pointsGrant(a, 70), "agent_id", "agent-c")).expect(201);
        ReportSteps.moveTo(server, dayOne.plus(Duration.ofHours(24)).plusSeconds(1));
        checkout.runExpiry();
        checkout.redeemVoucher(voucher, 750).expect(201);

        List<String> questions = List.of(
                "/v1/reports/goodwill-spend?from=" + dayOne + "&to=" + dayOne.plus(Duration.ofDays(3)) + "&group_by=reason,day",
                "/v1/reports/goodwill-spend?from=" + dayOne.plus(Duration.ofHours(9)) + "&to="
                        + dayOne.plus(Duration.ofHours(36)) + "&group_by=agent,channel",
                "/v1/reports/goodwill-spend?from=" + dayOne.minus(Duration.ofDays(40)) + "&to="
                        + dayOne.plus(Duration.ofDays(40)) + "&group_by=category,month",
                "/v1/reports/breakage?from=" + dayOne + "&to=" + dayOne.plus(Duration.ofDays(3)),
                "/v1/reports/liability?from=" + dayOne.plus(Duration.ofHours(12)) + "&as_of="
                        + dayOne.plus(Duration.ofHours(24)).plusSeconds(1),
                "/v1/reports/liability?from=" + dayOne.plus(Duration.ofHours(24)) + "&as_of="
                        + dayOne.plus(Duration.ofHours(24)).plusSeconds(1),
                "/v1/reports/liability?from=" + dayOne.minus(Duration.ofDays(1)) + "&as_of="
                        + dayOne.plus(Duration.ofHours(23)));
        Map<String, JsonNode> fromPostings = ReportSteps.ask(server, questions);
        ReportSteps.sumDays(server);
        assertThat(summedThrough()).as("a day is summed only once it has settled").isEmpty();

        server.clock().advance(Duration.ofDays(3));
        assertThat(ReportSteps.ask(server, questions)).as("closed days not yet summed are read from their postings")
                .isEqualTo(fromPostings);
        List<Reply> runs = Concurrently.run(3, i -> server.adminPort().raw("POST", "/tasks/sum-days", null, ""));
        assertThat(runs).allSatisfy(run -> assertThat(run.status()).isEqualTo(200));
        assertThat(runs.stream().mapToInt(run -> Integer.parseInt(run.text().lines().findFirst().orElseThrow()
                .replace("days summed: ", ""))).sum()).as("three jobs at once sum each of the three days once")
                .isEqualTo(3);
        Map<String, JsonNode> fromSums = ReportSteps.ask(server, questions);
        assertThat(summedThrough()).contains(LocalDate.ofInstant(dayOne, ZoneOffset.UTC).plusDays(2));
        long summedRows = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM day_sums")
                .mapTo(Long.class).one());
        assertThat(summedRows).isPositive();
        assertThat(fromSums).isEqualTo(fromPostings);
        JsonNode liability = fromSums.get(questions.get(6));
        assertThat(liability.path("units").findValuesAsText("unit")).containsExactly("EUR", "points");
        assertThat(liability.path("units").get(1).path("held").asLong()).isEqualTo(100);

        String spendSoFar = "/v1/reports/goodwill-spend?from=" + dayOne + "&to=" + server.clock().instant().plusSeconds(1)
                + "&group_by=reason";
        long before = points(ReportSteps.ask(server, List.of(spendSoFar)).get(spendSoFar));
        agent.post("/v1/grants", pointsGrant(a, 40)).expect(201);
        String spendNow = "/v1/reports/goodwill-spend?from=" + dayOne + "&to=" + server.clock().instant().plusSeconds(1)
                + "&group_by=reason";
        assertThat(before).isEqualTo(500 + 300 + 70);
        assertThat(points(ReportSteps.ask(server, List.of(spendNow)).get(spendNow))).isEqualTo(before + 40);
    }

    private static long points(JsonNode spend) {
        long total = 0;
        for (JsonNode row : spend.path("totals")) {
            if (row.path("unit").asText().equals("points")) {
                total += row.path("amount").asLong();
            }
        }
        return total;
    }

    private Optional<LocalDate> summedThrough() {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT summed_through FROM day_sums_state")
                .mapTo(LocalDate.class).findOne());
    }
}
