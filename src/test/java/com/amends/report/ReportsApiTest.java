package com.amends.report;

import static com.amends.testing.Bodies.grant;
import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.with;
import static com.amends.testing.Checkout.eur;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Books;
import com.amends.testing.Checkout;
import com.amends.testing.Reply;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One seeded history on a server of its own (reports sum everything): grants for several
 * reasons, agents and channels and a campaign, partial redemptions, a refund, a revocation and
 * expiry with the clock moved on. Every figure is checked against sums the test keeps itself
 * from the requests it made.
 */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class ReportsApiTest {
    /** The history is seeded once per server; the tests only read it. */
    private static final Map<TestServer, ReportsApiTest> SEEDED = new java.util.concurrent.ConcurrentHashMap<>();

    @Parameter
    TestServer server;

    /** What the test itself knows it issued, spent and lost, per grant. */
    record Issue(String grantId, String reason, String agent, String channel, String campaign, String unit, long amount,
                 Instant at) {}

    final List<Issue> issued = new ArrayList<>();
    final Map<String, Long> redeemedByGrant = new HashMap<>();
    final Map<String, Instant> firstRedemption = new HashMap<>();
    long redeemedPoints;
    long redeemedEur;
    long expiredPoints;
    long revokedPoints;
    long expiredByShipping;
    long expiredByCampaign;
    String campaignId;
    Instant start;
    Instant beforeExpiry;
    Instant afterExpiry;
    Checkout checkout;
    Api finance;

    @AfterParameterizedClassInvocation
    static void stop(TestServer server) {
        SEEDED.remove(server);
        server.close();
    }

    @BeforeEach
    void seedOnce() {
        ReportsApiTest seeded = SEEDED.computeIfAbsent(server, s -> {
            seed();
            return this;
        });
        if (seeded != this) {
            copyFrom(seeded);
        }
    }

    private void copyFrom(ReportsApiTest other) {
        issued.addAll(other.issued);
        redeemedByGrant.putAll(other.redeemedByGrant);
        firstRedemption.putAll(other.firstRedemption);
        redeemedPoints = other.redeemedPoints;
        redeemedEur = other.redeemedEur;
        expiredPoints = other.expiredPoints;
        revokedPoints = other.revokedPoints;
        expiredByShipping = other.expiredByShipping;
        expiredByCampaign = other.expiredByCampaign;
        campaignId = other.campaignId;
        start = other.start;
        beforeExpiry = other.beforeExpiry;
        afterExpiry = other.afterExpiry;
        checkout = other.checkout;
        finance = other.finance;
    }

    private void seed() {
        checkout = new Checkout(server);
        finance = server.as(Role.FINANCE);
        Api agent = server.as(Role.AGENT);
        Api shop = server.as(Role.STOREFRONT);
        start = server.clock().instant();

        String c1 = newCustomer();
        String c2 = newCustomer();
        String c3 = newCustomer();
        String c4 = newCustomer();
        JsonNode g1 = agent.post("/v1/grants", with(with(pointsOf(c1, "SHIPPING_DELAY", 500), "agent_id", "agent-a"),
                "channel", "email")).expect(201);
        note(g1, "SHIPPING_DELAY", "agent-a", "email", null, "points", 500);
        JsonNode g2 = agent.post("/v1/grants", with(with(with(pointsOf(c2, "SHIPPING_DELAY", 300), "agent_id", "agent-b"),
                "channel", "chat"), "expires_at", start.plus(Duration.ofDays(10)).toString())).expect(201);
        note(g2, "SHIPPING_DELAY", "agent-b", "chat", null, "points", 300);
        JsonNode g3 = agent.post("/v1/grants", with(with(with(grant(c3, "DAMAGED_ITEM"), "agent_id", "agent-a"),
                "channel", "phone"), "voucher", Map.of("type", "amount", "value", eur(1000)))).expect(201);
        note(g3, "DAMAGED_ITEM", "agent-a", "phone", null, "EUR", 1000);
        JsonNode g4 = agent.post("/v1/grants", with(with(with(grant(c4, "WRONG_ITEM"), "agent_id", "agent-b"),
                "channel", "email"), "voucher", Map.of("type", "percent", "percent_off", 15,
                "max_discount", eur(2000)))).expect(201);

        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", "Storm Bert");
        campaign.put("incident_ref", "storm-" + UUID.randomUUID());
        campaign.put("reason_code", "PROACTIVE_APOLOGY");
        campaign.put("agent_id", "lead-1");
        campaign.put("reward", Map.of("points", 200));
        campaign.put("expires_at", start.plus(Duration.ofDays(5)).toString());
        campaignId = server.as(Role.SUPERVISOR).post("/v1/campaigns", campaign, null).expect(201).path("id").asText();
        List<String> storm = List.of(newCustomer(), newCustomer(), newCustomer());
        JsonNode batch = server.as(Role.SUPERVISOR).post("/v1/campaigns/" + campaignId + "/recipients",
                Map.of("recipients", storm.stream().map(c -> Map.of("customer_id", c)).toList())).expect(201);
        Map<String, String> stormGrants = new HashMap<>();
        for (JsonNode row : batch.path("results")) {
            stormGrants.put(row.path("customer_id").asText(), row.path("grant_id").asText());
            issued.add(new Issue(row.path("grant_id").asText(), "PROACTIVE_APOLOGY", "lead-1", "proactive", campaignId,
                    "points", 200, start));
        }

        // A day on: spending, and a refund of part of it.
        server.clock().advance(Duration.ofDays(1));
        JsonNode spent = checkout.redeemPoints(c1, 200);
        redeemed(g1.path("id").asText(), 200);
        shop.post("/v1/redemptions/" + spent.path("id").asText() + "/reversals", Map.of("points", 50)).expect(201);
        redeemedByGrant.merge(g1.path("id").asText(), -50L, Long::sum);
        redeemedPoints += 200 - 50;
        checkout.redeemPoints(storm.get(0), 200);
        redeemed(stormGrants.get(storm.get(0)), 200);
        redeemedPoints += 200;

        // Two days on: vouchers spent; a percent voucher's cost is booked when it is spent.
        server.clock().advance(Duration.ofDays(1));
        checkout.redeemVoucher(g3.path("voucher").path("code").asText(), 400).expect(201);
        redeemed(g3.path("id").asText(), 400);
        redeemedEur += 400;
        shop.post("/v1/vouchers/" + g4.path("voucher").path("code").asText() + "/redemptions",
                Map.of("order_ref", "o-" + UUID.randomUUID(), "order_total", eur(10_000))).expect(201);
        issued.add(new Issue(g4.path("id").asText(), "WRONG_ITEM", "agent-b", "email", null, "EUR", 1500,
                server.clock().instant()));
        redeemed(g4.path("id").asText(), 1500);
        redeemedEur += 1500;

        // What is left of the first grant is taken back.
        server.as(Role.SUPERVISOR).post("/v1/grants/" + g1.path("id").asText() + "/revoke",
                Map.of("reason", "duplicate")).expect(200);
        revokedPoints += 350;

        // Eleven days on: the second grant's points and two of the campaign's lapse unspent.
        server.clock().advance(Duration.ofDays(9));
        beforeExpiry = server.clock().instant();
        server.clock().advance(Duration.ofSeconds(1));
        checkout.runExpiry();
        afterExpiry = server.clock().instant();
        expiredByShipping = 300;
        expiredByCampaign = 400;
        expiredPoints = expiredByShipping + expiredByCampaign;
        server.clock().advance(Duration.ofSeconds(1));
        Books.assertReconciled(server);
    }

    private static Map<String, Object> pointsOf(String customer, String reason, long points) {
        Map<String, Object> body = grant(customer, reason);
        body.put("points", points);
        return body;
    }

    private void note(JsonNode grant, String reason, String agent, String channel, String campaign, String unit, long amount) {
        issued.add(new Issue(grant.path("id").asText(), reason, agent, channel, campaign, unit, amount, start));
    }

    private void redeemed(String grant, long amount) {
        redeemedByGrant.merge(grant, amount, Long::sum);
        firstRedemption.putIfAbsent(grant, server.clock().instant());
    }

    private String range() {
        return "from=" + start.minusSeconds(3600) + "&to=" + server.clock().instant().plusSeconds(1);
    }

    @Test
    void spendByReasonAndMonth_ShouldEqualWhatWasIssued_AndTheCsvShouldSayTheSame() {
        JsonNode report = finance.get("/v1/reports/goodwill-spend?" + range() + "&group_by=reason,month").expect(200);
        Map<String, Long> expected = issued.stream().collect(Collectors.groupingBy(
                i -> i.reason() + "|" + i.at().toString().substring(0, 7) + "|" + i.unit(),
                Collectors.summingLong(Issue::amount)));
        Map<String, Long> actual = new HashMap<>();
        for (JsonNode row : report.path("rows")) {
            actual.put(row.path("group").path("reason").asText() + "|" + row.path("group").path("month").asText() + "|"
                    + row.path("unit").asText(), row.path("amount").asLong());
        }
        assertThat(actual).isEqualTo(expected);
        long points = issued.stream().filter(i -> i.unit().equals("points")).mapToLong(Issue::amount).sum();
        long eur = issued.stream().filter(i -> i.unit().equals("EUR")).mapToLong(Issue::amount).sum();
        // 100 points are worth 1.00 EUR (config): the total value is the money plus the points at that rate.
        assertThat(report.path("total_value").get(0).path("amount").asLong()).isEqualTo(eur + points);
        assertThat(report.path("total_value").get(0).path("currency").asText()).isEqualTo("EUR");

        Reply csv = finance.raw("GET", "/v1/reports/goodwill-spend?" + range() + "&group_by=reason,month", null, null,
                "Accept", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<List<String>> lines = csvLines(csv.text());
        assertThat(lines.get(0)).containsExactly("reason", "month", "unit", "amount", "value", "value_currency");
        Map<String, Long> fromCsv = new HashMap<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            long minor = line.get(2).equals("points") ? Long.parseLong(line.get(3))
                    : new BigDecimal(line.get(3)).movePointRight(2).longValueExact();
            fromCsv.put(line.get(0) + "|" + line.get(1) + "|" + line.get(2), minor);
        }
        assertThat(fromCsv).isEqualTo(expected);
    }

    @Test
    void spendByAgentChannelAndCampaign_ShouldMatchTheGrantsTheyGave() {
        for (String dimension : List.of("agent", "channel", "campaign", "category")) {
            JsonNode report = finance.get("/v1/reports/goodwill-spend?" + range() + "&group_by=" + dimension).expect(200);
            Map<String, Long> actual = new HashMap<>();
            for (JsonNode row : report.path("rows")) {
                actual.put(row.path("group").path(dimension).asText("none") + "|" + row.path("unit").asText(),
                        row.path("amount").asLong());
            }
            Map<String, Long> expected = issued.stream().collect(Collectors.groupingBy(i -> switch (dimension) {
                case "agent" -> i.agent();
                case "channel" -> i.channel();
                case "campaign" -> i.campaign() == null ? "none" : i.campaign();
                default -> category(i.reason());
            } + "|" + i.unit(), Collectors.summingLong(Issue::amount)));
            assertThat(actual).as(dimension).isEqualTo(expected);
        }
        JsonNode weekly = finance.get("/v1/reports/goodwill-spend?" + range() + "&group_by=reason,week").expect(200);
        assertThat(weekly.path("rows").get(0).path("group").path("week").asText()).isEqualTo("2026-W47");
    }

    private static String category(String reason) {
        return switch (reason) {
            case "SHIPPING_DELAY" -> "shipping";
            case "DAMAGED_ITEM" -> "product";
            case "WRONG_ITEM" -> "fulfilment";
            default -> "proactive";
        };
    }

    @Test
    void liability_ShouldMoveByIssuedLessRedeemedExpiredAndRevoked_AndEqualTheWallets() {
        JsonNode report = finance.get("/v1/reports/liability?from=" + start.minusSeconds(3600)).expect(200);
        Map<String, JsonNode> units = new HashMap<>();
        report.path("units").forEach(u -> units.put(u.path("unit").asText(), u));
        JsonNode points = units.get("points");
        long issuedPoints = issued.stream().filter(i -> i.unit().equals("points")).mapToLong(Issue::amount).sum();
        assertThat(points.path("opening").asLong()).isZero();
        assertThat(points.path("issued").asLong()).isEqualTo(issuedPoints);
        assertThat(points.path("redeemed").asLong()).isEqualTo(redeemedPoints);
        assertThat(points.path("expired").asLong()).isEqualTo(expiredPoints);
        assertThat(points.path("revoked").asLong()).isEqualTo(revokedPoints);
        assertThat(points.path("closing").asLong())
                .isEqualTo(issuedPoints - redeemedPoints - expiredPoints - revokedPoints);
        JsonNode eur = units.get("EUR");
        long issuedEur = issued.stream().filter(i -> i.unit().equals("EUR")).mapToLong(Issue::amount).sum();
        assertThat(eur.path("issued").asLong()).isEqualTo(issuedEur);
        assertThat(eur.path("redeemed").asLong()).isEqualTo(redeemedEur);
        assertThat(eur.path("closing").asLong()).isEqualTo(issuedEur - redeemedEur).isEqualTo(600);

        Reply csv = finance.raw("GET", "/v1/reports/liability?from=" + start.minusSeconds(3600), null, null,
                "Accept", "text/csv");
        List<List<String>> lines = csvLines(csv.text());
        assertThat(lines.get(0)).startsWith("from", "as_of", "unit", "opening", "issued", "redeemed", "expired", "revoked",
                "closing");
        List<String> eurLine = lines.stream().filter(l -> l.get(2).equals("EUR")).findFirst().orElseThrow();
        assertThat(eurLine.get(8)).isEqualTo("6.00");
        assertThat(eurLine.get(4)).isEqualTo(new BigDecimal(issuedEur).movePointLeft(2).toPlainString());
    }

    @Test
    void liabilityBeforeAndAfterExpiry_ShouldDifferByExactlyTheExpiredValue() {
        JsonNode before = finance.get("/v1/reports/liability?as_of=" + beforeExpiry).expect(200);
        JsonNode after = finance.get("/v1/reports/liability?as_of=" + afterExpiry).expect(200);
        assertThat(closing(before, "points") - closing(after, "points")).isEqualTo(expiredPoints);
        assertThat(closing(before, "EUR")).isEqualTo(closing(after, "EUR"));
        // Any past moment works: before anything was granted there was nothing to owe.
        JsonNode empty = finance.get("/v1/reports/liability?as_of=" + start.minusSeconds(1)).expect(200);
        assertThat(empty.path("units")).isEmpty();
    }

    private static long closing(JsonNode report, String unit) {
        for (JsonNode u : report.path("units")) {
            if (u.path("unit").asText().equals(unit)) {
                return u.path("closing").asLong();
            }
        }
        return 0;
    }

    @Test
    void breakage_ShouldShowWhatExpiredUnspent_ByReasonAndCampaign() {
        JsonNode report = finance.get("/v1/reports/breakage?" + range()).expect(200);
        Map<String, Long> actual = new HashMap<>();
        for (JsonNode row : report.path("rows")) {
            actual.put(row.path("group").path("reason").asText() + "|" + row.path("group").path("campaign").asText("none")
                    + "|" + row.path("unit").asText(), row.path("amount").asLong());
        }
        assertThat(actual).isEqualTo(Map.of("SHIPPING_DELAY|none|points", expiredByShipping,
                "PROACTIVE_APOLOGY|" + campaignId + "|points", expiredByCampaign));
        JsonNode beforeExpiry = finance.get("/v1/reports/breakage?from=" + start + "&to=" + this.beforeExpiry).expect(200);
        assertThat(beforeExpiry.path("rows")).isEmpty();
    }

    @Test
    void effectiveness_ShouldGiveTheShareRedeemedAndTheMedianTimeToFirstRedemption() {
        JsonNode report = finance.get("/v1/reports/effectiveness?" + range() + "&group_by=reason").expect(200);
        Map<String, List<Issue>> byReason = issued.stream().collect(Collectors.groupingBy(Issue::reason));
        assertThat(report.path("rows")).hasSize(byReason.size());
        for (JsonNode row : report.path("rows")) {
            List<Issue> grants = byReason.get(row.path("group").path("reason").asText());
            long value = grants.stream().mapToLong(Issue::amount).sum(); // 1 point = 1 cent
            long redeemed = grants.stream().mapToLong(i -> redeemedByGrant.getOrDefault(i.grantId(), 0L)).sum();
            List<Long> waits = grants.stream().filter(i -> firstRedemption.containsKey(i.grantId()))
                    .map(i -> Duration.between(start, firstRedemption.get(i.grantId())).toSeconds()).sorted().toList();
            assertThat(row.path("grants").asLong()).isEqualTo(grants.size());
            assertThat(row.path("issued_value").path("amount").asLong()).isEqualTo(value);
            assertThat(row.path("redeemed_value").path("amount").asLong()).isEqualTo(redeemed);
            assertThat(row.path("redeemed_grants").asLong()).isEqualTo(waits.size());
            assertThat(row.path("redemption_rate").asDouble()).isEqualTo(Math.round(10_000.0 * redeemed / value) / 10_000.0);
            assertThat(row.path("median_seconds_to_first_redemption").isNull() ? null
                    : row.path("median_seconds_to_first_redemption").asLong())
                    .isEqualTo(waits.isEmpty() ? null : waits.get((waits.size() - 1) / 2));
        }
        Reply csv = finance.raw("GET", "/v1/reports/effectiveness?" + range() + "&group_by=reason", null, null,
                "Accept", "text/csv");
        assertThat(csvLines(csv.text())).hasSize(byReason.size() + 1);
    }

    @Test
    void journalExport_ShouldListEveryPostingOnce_BalancedPerUnit_InCsvAndInPages() {
        Reply csv = finance.raw("GET", "/v1/reports/journal?" + range(), null, null, "Accept", "text/csv");
        List<List<String>> lines = csvLines(csv.text());
        assertThat(lines.get(0)).containsExactly("entry_id", "line", "time", "kind", "account", "debit", "credit", "unit",
                "reason_code", "grant_id", "customer_id");
        Map<String, BigDecimal> balance = new HashMap<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            balance.merge(line.get(7), new BigDecimal(line.get(5)).subtract(new BigDecimal(line.get(6))), BigDecimal::add);
        }
        assertThat(balance.values()).allSatisfy(sum -> assertThat(sum.signum()).isZero());
        long postings = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM postings").mapTo(Long.class).one());
        assertThat(lines).hasSize((int) postings + 1);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = finance.get("/v1/reports/journal?" + range() + "&limit=7"
                    + (cursor == null ? "" : "&cursor=" + cursor)).expect(200);
            page.path("data").forEach(l -> paged.add(l.path("entry_id").asText() + "/" + l.path("line").asInt()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);
        assertThat(paged).isEqualTo(lines.subList(1, lines.size()).stream().map(l -> l.get(0) + "/" + l.get(1)).toList());
    }

    @Test
    void reports_ShouldRefuseBadRangesAndGroupings_With400s() {
        finance.get("/v1/reports/goodwill-spend?group_by=reason").expectProblem(422, "validation_failed");
        finance.get("/v1/reports/goodwill-spend?" + range() + "&group_by=colour").expectProblem(422, "validation_failed");
        finance.get("/v1/reports/goodwill-spend?" + range() + "&group_by=day,month").expectProblem(422, "validation_failed");
        finance.get("/v1/reports/goodwill-spend?" + range() + "&group_by=reason,agent,channel")
                .expectProblem(422, "validation_failed");
        finance.get("/v1/reports/breakage?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z")
                .expectProblem(422, "validation_failed");
        finance.get("/v1/reports/journal?from=yesterday&to=2026-11-01T00:00:00Z").expectProblem(400, "invalid_parameter");
        finance.get("/v1/reports/journal?" + range() + "&cursor=bogus").expectProblem(400, "invalid_cursor");
        finance.get("/v1/reports/effectiveness?" + range() + "&group_by=month").expectProblem(422, "validation_failed");
    }

    @Test
    void everyReport_ShouldBeClosedToStorefrontAgentAndSupervisorKeys() {
        for (String path : List.of("/v1/reports/goodwill-spend?" + range() + "&group_by=reason",
                "/v1/reports/liability", "/v1/reports/breakage?" + range(),
                "/v1/reports/effectiveness?" + range() + "&group_by=reason", "/v1/reports/journal?" + range(),
                "/v1/reports/reconciliation")) {
            for (Role role : List.of(Role.STOREFRONT, Role.AGENT, Role.SUPERVISOR)) {
                server.as(role).get(path).expectProblem(403, "forbidden");
            }
            server.as(Role.ADMIN).get(path).expect(200);
        }
    }

    /** A small RFC 4180 reader, enough for the exports' quoting. */
    static List<List<String>> csvLines(String text) {
        List<List<String>> lines = new ArrayList<>();
        for (String raw : text.split("\r\n")) {
            if (!raw.isEmpty()) {
                lines.add(Arrays.asList(raw.split(",", -1)));
            }
        }
        return lines;
    }
}
