package com.amends.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Browser;
import com.amends.testing.OwnServerFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A supervisor runs a campaign in the console: creates it, previews and sends a CSV of recipients,
 * and watches the bar until every row is credited. On servers of their own, whose campaign worker
 * runs every second as in production (the shared servers' waits a day, for tests that run it by hand).
 */
@Tag("browser")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class CampaignBrowserTest extends OwnServerFixture {
    @RegisterExtension
    static final Browser BROWSER = new Browser();

    ConsolePage page;

    @BeforeEach
    void openTheCampaigns() {
        server.setting("campaignWorkerInterval", "1 second");
        page = new ConsolePage(BROWSER, server).viewport(1280, 900).open("/console/#campaigns");
    }

    @Test
    void shouldShowACsvOf5000RecipientsCreditedToCompletion() throws IOException {
        String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = "storm-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Path csv = csv(prefix, 5000);
        page.signIn(server.secret(Role.SUPERVISOR));
        page.type("Your agent id", lead);
        page.type("Campaign name", "Storm Bert delays");
        page.type("Incident", "storm-2026-11-20");
        page.choose("Reason", "Apology before the customer noticed");
        assertThat(page.value("Points each")).isEqualTo("500");
        page.click("Create campaign");

        String campaign = page.waitFor(".campaign", "Storm Bert delays");
        assertThat(campaign).contains("500 points for each recipient").contains("No recipients yet.").contains("Open");
        String id = page.all(".campaign").get(0).getAttribute("data-campaign");
        page.field("Recipients (CSV file)").sendKeys(csv.toAbsolutePath().toString());
        page.click("Preview");
        assertThat(page.waitFor(".preview", "Would be credited")).contains("nothing is changed yet");
        assertThat(page.text(".preview .would-credit")).isEqualTo("5,000");
        assertThat(credited(id)).isZero();
        page.click("Send recipients");

        page.waitFor(".recipients-result", "5,000 rows received");
        new WebDriverWait(page.driver(), Duration.ofSeconds(120)).ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.attributeToBe(
                By.cssSelector(".campaign .progress"), "data-done", "true"));
        assertThat(page.text(".campaign .progress-words")).isEqualTo("Done: 5,000 credited of 5,000 received.");
        assertThat(page.script("const bar = document.querySelector('.campaign progress'); return [bar.value, bar.max];"))
                .isEqualTo(java.util.List.of(5000L, 5000L));
        assertThat(credited(id)).isEqualTo(5000);
        page.screenshot("console-campaign-done-" + server);

        page.click("Close campaign");
        assertThat(page.waitFor(".campaign", "Closed: it takes no more recipients.")).contains("Closed");
        assertThat(page.all(".campaign .recipients").get(0).isDisplayed()).as("a closed campaign takes no recipients").isFalse();
        assertThat(server.as(Role.FINANCE).get("/v1/campaigns/" + id).expect(200).path("status").asText()).isEqualTo("closed");
    }

    @Test
    void shouldRevokeUnusedCredit_AfterTheSupervisorConfirms() throws IOException {
        page.signIn(server.secret(Role.SUPERVISOR));
        page.type("Your agent id", "lead-2").type("Campaign name", "Warehouse fire").type("Incident", "fire-2026-11");
        page.choose("Reason", "Apology before the customer noticed");
        page.click("Create campaign");
        page.waitFor(".campaign", "No recipients yet.");
        String id = page.all(".campaign").get(0).getAttribute("data-campaign");
        page.field("Recipients (CSV file)").sendKeys(csv("fire-", 3).toAbsolutePath().toString());
        page.click("Send recipients");
        page.waitFor(".campaign .progress", "Done: 3 credited of 3 received.");

        page.click("Revoke unused credit…");
        page.click("Revoke unused credit");

        page.waitFor(".campaign", "Unused credit revoked from 3 grants.");
        assertThat(page.text(".campaign")).contains("Closed");
        assertThat(server.as(Role.FINANCE).get("/v1/campaigns/" + id).expect(200).path("revocation")
                .path("grants_revoked").asLong()).isEqualTo(3);
    }

    @Test
    void shouldListTheCampaignsNewestFirst_AndOpenOne() {
        campaign("Parcel centre strike");
        campaign("Checkout outage");
        page.signIn(server.secret(Role.SUPERVISOR));

        String list = page.waitFor(".campaign-list", "Checkout outage");
        assertThat(list.indexOf("Checkout outage")).isLessThan(list.indexOf("Parcel centre strike"));
        page.screenshot("console-campaigns-" + server);
        open("Parcel centre strike");
        assertThat(page.waitFor(".campaign", "Parcel centre strike")).contains("300 points for each recipient");
    }

    /** A CSV file of recipients under target/, with a header line and an order reference a row. */
    private static Path csv(String prefix, int rows) throws IOException {
        Path csv = Files.createTempFile(Files.createDirectories(Path.of("target")), "recipients-", ".csv");
        return Files.writeString(csv, "customer_id,order_ref\n" + IntStream.rangeClosed(1, rows)
                .mapToObj(i -> prefix + i + ",order-" + i).collect(Collectors.joining("\n")) + "\n");
    }

    private void open(String campaign) {
        new WebDriverWait(page.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("button[aria-label='Open " + campaign + "']"))).click();
    }

    private JsonNode campaign(String name) {
        return server.as(Role.SUPERVISOR).post("/v1/campaigns", Map.of("name", name, "incident_ref",
                "incident-" + UUID.randomUUID(), "reason_code", "PROACTIVE_APOLOGY", "agent_id", "lead-2",
                "reward", Map.of("points", 300)), null).expect(201);
    }

    /** What the API says the campaign credited (its counts; progress before they were renamed). */
    private long credited(String id) {
        JsonNode campaign = server.as(Role.FINANCE).get("/v1/campaigns/" + id).expect(200);
        return campaign.path("counts").path("credited").asLong();
    }
}
