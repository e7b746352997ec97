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
import com.amends.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The effectiveness report reads summed days from grant outcomes and the rest from postings: the
 * same question gets the same answer whichever days are summed, including grants whose first
 * redemption falls after the last summed day and grants spent on both sides of it.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class EffectivenessDaySumsApiTest extends OwnServerFixture {
    private Instant dayOne;
    private final List<Long> waits = new ArrayList<>();

    @Test
    void shouldAnswerTheSame_WhicheverDaysAreSummed() {
        Api agent = server.as(Role.AGENT);
        Api supervisor = server.as(Role.SUPERVISOR);
        Checkout checkout = new Checkout(server);
        server.as(Role.ADMIN).raw("PUT", "/v1/policies/roles/agent", "application/json",
                "{\"max_grant\": {\"amount\": 5000, \"currency\": \"EUR\"}}").expect(200);
        dayOne = day(server.clock().instant()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        ReportSteps.moveTo(server, dayOne.plus(Duration.ofHours(1)));
        Instant granted = server.clock().instant();

        String c1 = newCustomer();
        String c2 = newCustomer();
        String c3 = newCustomer();
        agent.post("/v1/grants", with(pointsGrant(c1, 500), "channel", "chat")).expect(201);
        agent.post("/v1/grants", pointsGrant(c2, 300)).expect(201);
        String voucher = agent.post("/v1/grants", with(grant(c3, "DAMAGED_ITEM"), "voucher",
                Map.of("type", "amount", "value", Checkout.eur(1_000)))).expect(201)
                .path("voucher").path("code").asText();
        String unspent = agent.post("/v1/grants", percentVoucherGrant(newCustomer(), 10, 500)).expect(201)
                .path("id").asText();
        String percent = agent.post("/v1/grants", percentVoucherGrant(newCustomer(), 20, 800)).expect(201)
                .path("voucher").path("code").asText();
        String c6 = newCustomer();
        String revoked = agent.post("/v1/grants", pointsGrant(c6, 250)).expect(201).path("id").asText();
        String approved = agent.post("/v1/grants", pointsGrant(newCustomer(), 6_000)).expect(201).path("id").asText();
        String rejected = agent.post("/v1/grants", pointsGrant(newCustomer(), 7_000)).expect(201).path("id").asText();
        agent.post("/v1/grants", pointsGrant(newCustomer(), 8_000)).expect(201); // left pending
        JsonNode waiting = agent.post("/v1/grants", percentVoucherGrant(newCustomer(), 10, 6_000)).expect(201);
        assertThat(waiting.path("status").asText()).isEqualTo("pending_approval");

        // Day one: the first spending of two grants; one grant taken back after a little is spent.
        ReportSteps.moveTo(server, dayOne.plus(Duration.ofHours(3)).plusMillis(900));
        checkout.redeemPoints(c1, 100);
        waits.add(seconds(granted));
        checkout.redeemPoints(c6, 50);
        waits.add(seconds(granted));
        supervisor.post("/v1/grants/" + revoked + "/revoke", Map.of("reason", "duplicate")).expect(200);
        supervisor.post("/v1/grants/" + rejected + "/reject", Map.of("agent_id", "lead-1", "note", "too much"))
                .expect(200);

        // Day two: spent again, a voucher spent, a percent voucher's cost booked, a grant approved.
        ReportSteps.moveTo(server, dayOne.plus(Duration.ofHours(26)).plusMillis(300));
        checkout.redeemPoints(c1, 120);
        checkout.redeemVoucher(voucher, 400).expect(201);
        waits.add(seconds(granted));
        server.as(Role.STOREFRONT).post("/v1/vouchers/" + percent + "/redemptions",
                Map.of("order_ref", "o-percent", "order_total", Checkout.eur(2_000))).expect(201);
        waits.add(seconds(granted));
        supervisor.post("/v1/grants/" + approved + "/approve", Map.of("agent_id", "lead-1")).expect(200);

        List<String> questions = questions(granted);
        Map<String, JsonNode> fromPostings = ReportSteps.ask(server, questions);
        ReportSteps.sumDays(server);
        assertThat(summedThrough()).contains(day(dayOne));
        assertThat(ReportSteps.ask(server, questions)).as("day one summed, day two from postings").isEqualTo(fromPostings);
        // Made on a summed day, issued after it, and worth nothing until spent: counted all the same.
        supervisor.post("/v1/grants/" + waiting.path("id").asText() + "/approve", Map.of("agent_id", "lead-1"))
                .expect(200);

        // Day four: one grant spent for the first time and another again, after the summed days;
        // a grant made and spent, and one made and not spent, after them too.
        ReportSteps.moveTo(server, dayOne.plus(Duration.ofDays(3)).plus(Duration.ofHours(2)).plusMillis(100));
        checkout.redeemPoints(c2, 30);
        waits.add(seconds(granted));
        checkout.redeemPoints(c1, 80);
        String c9 = newCustomer();
        agent.post("/v1/grants", pointsGrant(c9, 90)).expect(201);
        checkout.redeemPoints(c9, 10);
        agent.post("/v1/grants", percentVoucherGrant(newCustomer(), 10, 500)).expect(201);

        questions = questions(granted);
        fromPostings = ReportSteps.ask(server, questions);
        JsonNode all = fromPostings.get(questions.get(0)).path("rows").get(0);
        assertThat(all.path("grants").asLong()).as("pending and rejected grants are not counted").isEqualTo(10);
        assertThat(all.path("redeemed_grants").asLong()).isEqualTo(6);
        assertThat(all.path("issued_value").path("amount").asLong())
                .as("revoking takes back the rest, not what was issued; a percent voucher costs what it took off")
                .isEqualTo(500 + 300 + 1_000 + 250 + 6_000 + 400 + 90);
        assertThat(all.path("redeemed_value").path("amount").asLong())
                .isEqualTo(100 + 120 + 80 + 50 + 400 + 400 + 30 + 10);
        List<Long> sixWaits = new ArrayList<>(waits);
        sixWaits.add(0L);
        assertThat(all.path("median_seconds_to_first_redemption").asLong()).as("the lower of the two middle waits")
                .isEqualTo(EffectivenessReports.median(sixWaits)).isEqualTo(7_200);
        JsonNode first = fromPostings.get(questions.get(1)).path("rows");
        assertThat(first.findValuesAsText("grants")).as("granted before 'to', spent after it, still redeemed")
                .isNotEmpty();
        assertThat(sum(first, "grants")).isEqualTo(8);
        assertThat(sum(first, "redeemed_grants")).isEqualTo(5);

        ReportSteps.sumDays(server);
        assertThat(summedThrough()).contains(day(dayOne).plusDays(2));
        long outcomes = server.jdbi().withHandle(h -> h
                .createQuery("SELECT COUNT(DISTINCT grant_id) FROM grant_outcomes").mapTo(Long.class).one());
        assertThat(outcomes).as("the grants of the summed days, the unspent percent vouchers among them").isEqualTo(8);
        assertThat(ReportSteps.ask(server, questions)).as("days one to three summed, day four from postings")
                .isEqualTo(fromPostings);
        assertThat(unspent).isNotBlank();
    }

    private List<String> questions(Instant granted) {
        String whole = "from=" + dayOne + "&to=" + server.clock().instant().plusSeconds(1);
        return List.of(
                "/v1/reports/effectiveness?" + whole + "&group_by=agent",
                "/v1/reports/effectiveness?from=" + dayOne + "&to=" + granted.plusSeconds(1) + "&group_by=reason",
                "/v1/reports/effectiveness?" + whole + "&group_by=reason",
                "/v1/reports/effectiveness?" + whole + "&group_by=channel,category",
                "/v1/reports/effectiveness?from=" + dayOne.plus(Duration.ofHours(25)) + "&to="
                        + server.clock().instant().plusSeconds(1) + "&group_by=campaign");
    }

    private long seconds(Instant granted) {
        return seconds(granted, server.clock().instant());
    }

    private static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds();
    }

    private static long sum(JsonNode rows, String field) {
        long total = 0;
        for (JsonNode row : rows) {
            total += row.path(field).asLong();
        }
        return total;
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private Optional<LocalDate> summedThrough() {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT summed_through FROM day_sums_state")
                .mapTo(LocalDate.class).findOne());
    }
}
