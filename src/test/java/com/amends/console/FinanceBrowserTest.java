package com.amends.console;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.newCustomer;
import static com.amends.testing.Bodies.pointsGrant;
import static com.amends.testing.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Api;
import com.amends.testing.Books;
import com.amends.testing.Browser;
import com.amends.testing.Checkout;
import com.amends.testing.OwnServerFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The finance dashboard and the books, on servers of their own (reports sum everything): a small
 * November of points and a voucher issued, spent, revoked and lapsed, read once through the page and
 * once through the report API, which must agree.
 */
@Tag("browser")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class FinanceBrowserTest extends OwnServerFixture {
    @RegisterExtension
    static final Browser BROWSER = new Browser();
    /** The seeded month, as the page's custom period and as the API's [from, to). */
    private static final String FIRST = "2026-11-01";
    private static final String LAST = "2026-11-30";
    private static final String RANGE = "from=2026-11-01&to=2026-12-01";

    ConsolePage page;
    Api finance;

    @BeforeEach
    void seedOnce() {
        page = new ConsolePage(BROWSER, server).viewport(1280, 900);
        finance = server.as(Role.FINANCE);
        if (finance.get("/v1/reports/goodwill-spend?" + RANGE + "&group_by=reason").expect(200).path("rows").isEmpty()) {
            seed();
        }
    }

    private void seed() {
        Checkout checkout = new Checkout(server);
        Api agent = server.as(Role.AGENT);
        Instant start = server.clock().instant();
        String kept = newCustomer();
        String lapsing = newCustomer();
        String voucherHolder = newCustomer();
        JsonNode spent = agent.post("/v1/grants", with(with(pointsGrant(kept, 500), "agent_id", "agent-a"),
                "channel", "email")).expect(201);
        agent.post("/v1/grants", with(with(with(pointsGrant(lapsing, 300), "agent_id", "agent-b"), "channel", "chat"),
                "expires_at", start.plus(Duration.ofDays(2)).toString())).expect(201);
        String code = agent.post("/v1/grants", with(with(amountVoucherGrant(voucherHolder, 1000, "EUR"), "agent_id", "agent-a"),
                "channel", "phone")).expect(201).path("voucher").path("code").asText();
        server.clock().advance(Duration.ofDays(1));
        checkout.redeemPoints(kept, 200);
        checkout.redeemVoucher(code, 400).expect(201);
        server.as(Role.SUPERVISOR).post("/v1/grants/" + spent.path("id").asText() + "/revoke",
                Map.of("reason", "duplicate")).expect(200);
        server.clock().advance(Duration.ofDays(2));
        checkout.runExpiry();
        server.adminPort().raw("POST", "/tasks/seal-audit", null, "");
        Books.assertReconciled(server);
    }

    /** Signs in with the key of this role and shows November on the dashboard. */
    private void openNovember(Role role) {
        page.open("/console/#finance").signIn(server.secret(role));
        page.choose("Period", "Custom dates");
        date("First day", FIRST);
        date("Last day", LAST);
        page.click("Show");
        page.waitFor(".period-words", "From " + FIRST + " to " + LAST);
        new org.openqa.selenium.support.ui.WebDriverWait(page.driver(), Duration.ofSeconds(10)).until(driver ->
                !driver.findElements(By.cssSelector(".finance[data-state='ready']")).isEmpty());
    }

    private void date(String label, String isoDay) {
        page.script("arguments[0].value = arguments[1]", page.field(label), isoDay);
    }

    @Test
    void theDashboardsTotals_ShouldBeTheReportApisAnswers() {
        openNovember(Role.FINANCE);

        JsonNode spend = finance.get("/v1/reports/goodwill-spend?" + RANGE + "&group_by=reason,day").expect(200);
        assertThat(page.text(".spend-total strong")).isEqualTo(moneyList(spend.path("total_value")));
        JsonNode byAgent = finance.get("/v1/reports/goodwill-spend?" + RANGE + "&group_by=agent").expect(200);
        assertThat(tableRows(".spend .side-tables .table-box:nth-child(1) tbody tr"))
                .containsExactlyInAnyOrderElementsOf(groupRows(byAgent, "agent"));
        assertThat(tableRows(".spend .chart-and-table tbody tr")).hasSize(spend.path("rows").size());

        JsonNode breakage = finance.get("/v1/reports/breakage?" + RANGE).expect(200);
        assertThat(breakage.path("rows")).isNotEmpty();
        assertThat(page.text(".breakage-total strong")).isEqualTo(moneyList(breakage.path("total_value")));

        JsonNode byReason = finance.get("/v1/reports/effectiveness?" + RANGE + "&group_by=reason").expect(200);
        List<String> grantsByReason = new ArrayList<>();
        byReason.path("rows").forEach(row -> grantsByReason.add(row.path("group").path("reason").asText() + " | "
                + row.path("grants").asLong() + " | " + row.path("redeemed_grants").asLong()));
        assertThat(tableRows(".effectiveness[data-by='reason'] tbody tr").stream()
                .map(cells -> cells.subList(0, 3).stream().reduce((a, b) -> a + " | " + b).orElseThrow()).toList())
                .containsExactlyInAnyOrderElementsOf(grantsByReason);
        assertThat(page.all(".effectiveness[data-by='reason'] canvas[role='img']")).hasSize(1);
        assertThat(page.all(".finance canvas")).hasSizeGreaterThanOrEqualTo(6);
        page.screenshot("console-finance-dashboard-" + server);
    }

    @Test
    void theLiabilityRollForward_ShouldAddUpOnThePage_AndBeTheApisPerUnit() {
        openNovember(Role.ADMIN);
        String asOf = Stream.of(Instant.parse("2026-12-01T00:00:00Z"), Instant.now()).min(Instant::compareTo).orElseThrow()
                .toString();
        JsonNode liability = finance.get("/v1/reports/liability?from=" + FIRST + "&as_of=" + asOf).expect(200);
        assertThat(liability.path("units")).hasSize(2);
        for (JsonNode unit : liability.path("units")) {
            String scope = ".rollforward[data-unit='" + unit.path("unit").asText() + "'] ";
            long opening = amount(page.text(scope + "tr[data-step='opening'] td"));
            long issued = amount(page.text(scope + "tr[data-step='issued'] td"));
            long redeemed = amount(page.text(scope + "tr[data-step='redeemed'] td"));
            long expired = amount(page.text(scope + "tr[data-step='expired'] td"));
            long revoked = amount(page.text(scope + "tr[data-step='revoked'] td"));
            long closing = amount(page.text(scope + "tr[data-step='closing'] td"));
            assertThat(opening + issued - redeemed - expired - revoked).isEqualTo(closing);
            assertThat(List.of(opening, issued, redeemed, expired, revoked, closing)).containsExactly(
                    unit.path("opening").asLong(), unit.path("issued").asLong(), unit.path("redeemed").asLong(),
                    unit.path("expired").asLong(), unit.path("revoked").asLong(), unit.path("closing").asLong());
            assertThat(page.text(scope + ".adds-up")).startsWith("Adds up:");
        }
        assertThat(page.text(".liability-total strong")).isEqualTo(moneyList(liability.path("total_value")));
        page.screenshot("console-finance-liability-" + server);
    }

    @Test
    void aCsvDownload_ShouldBeTheApisOwnCsv() throws IOException, InterruptedException {
        Path downloads = Files.createTempDirectory(Path.of("target"), "downloads-");
        page.driver().executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString()));
        openNovember(Role.FINANCE);

        page.driver().findElement(By.cssSelector("button[aria-label='Download spend by agent as CSV']")).click();
        Path saved = awaitFile(downloads.resolve("goodwill-spend.csv"));
        String api = finance.raw("GET", "/v1/reports/goodwill-spend?" + RANGE + "&group_by=agent", null, null,
                "Accept", "text/csv").text();
        assertThat(Files.readString(saved)).isEqualTo(api).contains("agent-a");

        page.driver().findElement(By.cssSelector("button[aria-label='Download breakage as CSV']")).click();
        assertThat(Files.readString(awaitFile(downloads.resolve("breakage.csv")))).isEqualTo(
                finance.raw("GET", "/v1/reports/breakage?" + RANGE, null, null, "Accept", "text/csv").text());
    }

    @Test
    void theBooks_ShouldShowTheReconciliationTheSealedChainAndASearchableTrail() {
        page.open("/console/#books").signIn(server.secret(Role.FINANCE));
        JsonNode chain = finance.get("/v1/audit-events/verify").expect(200);
        assertThat(page.waitFor(".books-status", "The books balance")).contains("every stored balance matches");
        assertThat(page.waitFor(".chain-status", "Intact")).contains(String.format(Locale.US, "sealed up to event #%,d",
                chain.path("sealed_through_position").asLong())).contains(chain.path("sealed_through_event_id").asText());
        assertThat(page.text(".head-hash")).isEqualTo(chain.path("head_hash").asText());

        JsonNode revoke = finance.get("/v1/audit-events?action=revokeGrant").expect(200).path("data").get(0);
        page.type("Action", "revokeGrant");
        page.type("Target id", revoke.path("target_id").asText());
        page.click("Search");
        String found = page.waitFor(".audit-results", "1 event, newest first");
        assertThat(found).contains("revokeGrant").contains(revoke.path("target_id").asText()).contains("supervisor");
        page.screenshot("console-finance-books-" + server);
    }

    @Test
    void aFinanceKey_ShouldSeeNoAdminAction_AndAnAgentKeyNoDashboard() {
        openNovember(Role.FINANCE);
        assertThat(page.text("nav")).contains("Finance").contains("Books").doesNotContain("API keys")
                .doesNotContain("Webhooks");
        List<String> buttons = page.all("main button").stream().map(button -> button.getDomProperty("textContent").strip()).distinct().toList();
        assertThat(buttons).allMatch(words -> List.of("Show", "Download CSV").contains(words), "only reading actions");
        page.script("location.hash = 'books'");
        page.waitFor(".chain-status", "sealed up to");
        assertThat(page.all("main button").stream().map(button -> button.getDomProperty("textContent").strip()).distinct().toList())
                .allMatch(words -> List.of("Search", "Download CSV", "Show older").contains(words), "only reading actions");

        page.viewport(320, 900).open("/console/#finance").signIn(server.secret(Role.AGENT));
        assertThat(page.text("nav")).isEqualTo("Customers");
        page.field("Customer id");
        assertThat(page.all(".finance")).isEmpty();
        page.script("location.hash = 'books'");
        page.field("Customer id");
        assertThat(page.all(".audit-trail")).isEmpty();
    }

    @Test
    void theDashboard_ShouldFitAPhoneWide320Pixels() {
        page.viewport(320, 900);
        openNovember(Role.FINANCE);
        assertThat((Long) page.script("return document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo((Long) page.script("return document.documentElement.clientWidth"));
        page.screenshot("console-finance-dashboard-320-" + server);
    }

    private static Path awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < 100 && !Files.isRegularFile(file); i++) {
            Thread.sleep(100);
        }
        assertThat(file).isRegularFile();
        return file;
    }

    /** A table's body rows as the text of their cells. */
    private List<List<String>> tableRows(String css) {
        page.text(css);
        return page.all(css).stream().map(row -> row.findElements(By.cssSelector("th, td")).stream()
                .map(WebElement::getText).toList()).toList();
    }

    /** The rows of a one-dimension report as the page shows them: group, amount in its unit, value. */
    private static List<List<String>> groupRows(JsonNode report, String dimension) {
        List<List<String>> rows = new ArrayList<>();
        report.path("rows").forEach(row -> rows.add(List.of(row.path("group").path(dimension).asText(),
                row.path("unit").asText().equals("points") ? String.format(Locale.US, "%,d points", row.path("amount").asLong())
                        : euros(row.path("amount").asLong()), euros(row.path("value").path("amount").asLong()))));
        return rows;
    }

    private static String moneyList(JsonNode values) {
        List<String> parts = new ArrayList<>();
        values.forEach(value -> parts.add(euros(value.path("amount").asLong())));
        return String.join(" + ", parts);
    }

    private static String euros(long cents) {
        return String.format(Locale.US, "€%,.2f", cents / 100.0);
    }

    /** "1,200 points" → 1200; "€6.00" → 600 (cents). */
    private static long amount(String text) {
        String digits = text.replaceAll("[^0-9]", "");
        return Long.parseLong(digits);
    }
}
