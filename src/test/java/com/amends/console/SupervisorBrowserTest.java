package com.amends.console;

import static com.amends.testing.Bodies.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Browser;
import com.amends.testing.OwnServerFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The supervisor's approval queue and budgets, on servers of their own: the queue is everybody's
 * (a shared server's would hold every other test's waiting grants), and a budget is global.
 */
@Tag("browser")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class SupervisorBrowserTest extends OwnServerFixture {
    @RegisterExtension
    static final Browser BROWSER = new Browser();

    ConsolePage page;
    String customer;

    @BeforeEach
    void openTheConsole() {
        customer = newCustomer();
        page = new ConsolePage(BROWSER, server).viewport(1280, 900);
    }

    @Test
    void shouldApproveAGrantOverTheAgentsLimit_AndTheAgentThenSeesItIssued() {
        String agentId = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        String grant = pendingGrant(Role.AGENT, agentId);
        String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
        page.open("/console/#approvals").signIn(server.secret(Role.SUPERVISOR));
        assertThat(page.text("nav a[aria-current='page']")).isEqualTo("Approvals");
        page.type("Your agent id", lead);

        String card = page.waitFor(card(grant), "A single grant above €5.00 needs a supervisor's approval; this one is worth €10.00.");
        assertThat(card).contains("€10.00 voucher").contains("Agent " + agentId).contains(customer)
                .contains("Item arrived damaged");
        // How long it has waited, relative to the browser's clock (the server's stands at its test start).
        assertThat(in(grant, ".card-head time").getText()).matches("just now|.+ ago|in .+");
        assertThat(in(grant, ".card-head time").getAttribute("title")).endsWith("(2026-11-22 10:00 UTC)");
        page.screenshot("console-approvals-" + server);
        in(grant, "textarea").sendKeys("a fair amount for a broken item");
        button(grant, "Approve").click();

        String decided = page.waitFor(card(grant) + " .decided", "Approved by " + lead);
        JsonNode issued = server.as(Role.FINANCE).get("/v1/grants/" + grant).expect(200);
        assertThat(issued.path("status").asText()).isEqualTo("issued");
        assertThat(issued.path("approval").path("note").asText()).isEqualTo("a fair amount for a broken item");
        String code = issued.path("voucher").path("code").asText();
        assertThat(decided).contains(code);

        page.viewport(320, 900).open("/console/sidebar?customer_id=" + customer + "&agent_id=" + agentId)
                .signIn(server.secret(Role.AGENT));
        assertThat(page.waitFor(".history", "Issued")).contains("Approved by " + lead).doesNotContain("Awaiting approval");
        assertThat(page.waitFor(".wallet", code)).contains("€10.00 left of €10.00");
    }

    @Test
    void shouldNotLetASupervisorDecideTheirOwnRequest_SayingWhyBeforeTheApiRefuses() {
        String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
        String grant = pendingGrant(Role.SUPERVISOR, lead);
        page.viewport(320, 900).open("/console/#approvals").signIn(server.secret(Role.SUPERVISOR));
        page.type("Your agent id", lead);

        String card = page.waitFor(card(grant), "another supervisor must decide it");
        assertThat(card).contains("You asked for this grant as agent " + lead);
        assertThat(button(grant, "Approve").isEnabled()).isFalse();
        assertThat(button(grant, "Reject").isEnabled()).isFalse();
        assertThat(button(grant, "Approve").getAttribute("aria-describedby"))
                .isEqualTo(in(grant, ".own").getAttribute("id"));
        assertThat((Long) page.script("return document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo((Long) page.script("return document.documentElement.clientWidth"));
        page.screenshot("console-approvals-own-request-" + server);

        page.type("Your agent id", "lead-other");
        assertThat(button(grant, "Approve").isEnabled()).isTrue();
        assertThat(in(grant, ".own").isDisplayed()).isFalse();
        assertThat(server.as(Role.FINANCE).get("/v1/grants/" + grant).expect(200).path("status").asText())
                .isEqualTo("pending_approval");
    }

    @Test
    void shouldShowTheQueueCampaignsAndBudgetsWithoutActions_WhenTheKeyIsFinances() {
        String grant = pendingGrant(Role.AGENT, "agent-" + UUID.randomUUID().toString().substring(0, 8));
        page.open("/console/#approvals").signIn(server.secret(Role.FINANCE));

        assertThat(page.waitFor(card(grant), "needs a supervisor's approval")).doesNotContain("Approve");
        assertThat(page.hasButton("Approve")).isFalse();
        assertThat(page.hasButton("Reject")).isFalse();
        assertThat(page.hasField("Your agent id")).isFalse();
        page.open("/console/#campaigns").signIn(server.secret(Role.FINANCE));
        page.waitFor("main h1", "Campaigns");
        assertThat(page.hasButton("Create campaign")).isFalse();
        assertThat(page.hasButton("Send recipients")).isFalse();
        assertThat(page.all(".campaign-form")).isEmpty();

        page.open("/console/#approvals").signIn(server.secret(Role.AGENT));
        assertThat(page.text("nav")).isEqualTo("Customers");
        page.field("Customer id");
        assertThat(page.all(".approvals")).isEmpty();
        assertThat(page.hasButton("Approve")).isFalse();
    }

    @Test
    void shouldShowEachBudgetWithItsUseThisMonth() {
        server.as(Role.ADMIN).raw("PUT", "/v1/budgets/overall", "application/json",
                "{\"amount\": {\"amount\": 100000000, \"currency\": \"EUR\"}, \"mode\": \"soft\"}").expect(200);
        server.as(Role.AGENT).post("/v1/grants", Map.of("customer_id", customer, "agent_id", "agent-7",
                "reason_code", "DAMAGED_ITEM", "case_ref", "ZD-" + UUID.randomUUID(), "channel", "email",
                "voucher", Map.of("type", "amount", "value", Map.of("amount", 1000, "currency", "EUR")))).expect(201);
        JsonNode overall = server.as(Role.FINANCE).get("/v1/budgets").expect(200).get(0);

        page.open("/console/#budgets").signIn(server.secret(Role.SUPERVISOR));

        String budgets = page.waitFor(".budgets", "Overall");
        assertThat(budgets).contains("Budgets for 2026-11").contains("of €1,000,000.00 used")
                .contains("Soft: over it, grants need approval");
        assertThat(page.all(".budgets meter")).hasSize(1);
        assertThat(budgets).contains(String.format("€%,.2f of", overall.path("committed").path("amount").asLong() / 100.0));
        page.screenshot("console-budgets-" + server);

        page.open("/console/").signIn(server.secret(Role.ADMIN));
        assertThat(page.text("nav a[aria-current='page']")).isEqualTo("Budgets");
        page.waitFor(".budgets", "Overall");
    }

    /** A grant over its agent's limit of €5.00, made with the key of this role; answers its id. */
    private String pendingGrant(Role role, String agentId) {
        server.as(Role.ADMIN).raw("PUT", "/v1/policies/agents/" + agentId, "application/json",
                "{\"max_grant\": {\"amount\": 500, \"currency\": \"EUR\"}}").expect(200);
        JsonNode grant = server.as(role).post("/v1/grants", Map.of("customer_id", customer, "agent_id", agentId,
                "reason_code", "DAMAGED_ITEM", "case_ref", "ZD-" + UUID.randomUUID().toString().substring(0, 8),
                "channel", "email", "voucher", Map.of("type", "amount", "value", Map.of("amount", 1000, "currency", "EUR"))))
                .expect(201);
        assertThat(grant.path("status").asText()).isEqualTo("pending_approval");
        return grant.path("id").asText();
    }

    private static String card(String grant) {
        return "li[data-grant='" + grant + "']";
    }

    private WebElement in(String grant, String css) {
        return page.driver().findElement(By.cssSelector(card(grant) + " " + css));
    }

    private WebElement button(String grant, String words) {
        return page.driver().findElement(By.cssSelector(card(grant)))
                .findElement(By.xpath(".//button[normalize-space(.)='" + words + "']"));
    }
}
