package com.amends.console;

import static com.amends.testing.Bodies.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Browser;
import com.amends.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.interactions.Actions;

/** An agent at a helpdesk ticket: the sidebar, 320 px wide, opened with the ticket's customer, case and agent. */
@Tag("browser")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class AgentSidebarBrowserTest {
    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @Parameter
    TestServer server;

    ConsolePage page;
    String customer;
    String caseRef;
    String agentId;

    @BeforeEach
    void openTheSidebar() {
        customer = newCustomer();
        caseRef = "ZD-" + UUID.randomUUID().toString().substring(0, 8);
        agentId = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        page = new ConsolePage(BROWSER, server).viewport(320, 900)
                .open("/console/sidebar?customer_id=" + customer + "&case_ref=" + caseRef + "&agent_id=" + agentId);
    }

    @Test
    void shouldGrantAVoucherAndShowItInTheWallet_WhenAnAgentSignsInLooksUpAndGives() {
        page.signIn(server.secret(Role.AGENT));
        assertThat(page.waitFor(".wallet", "No wallet yet")).contains(customer);
        assertThat(page.value("Case")).isEqualTo(caseRef);

        page.choose("Reason", "Parcel lost in transit");
        assertThat(page.waitFor(".offer", "Suggested for this reason")).contains("€10.00 voucher");
        assertThat(page.value("Amount")).isEqualTo("10.00");
        assertThat(page.value("Currency")).isEqualTo("EUR");
        page.type("Note (optional)", "parcel lost by the carrier");
        page.screenshot("sidebar-grant-form-" + server);
        page.click("Give goodwill");

        String answer = page.waitFor(".result", "Voucher issued");
        String code = page.text(".voucher-code");
        assertThat(code).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){4}");
        assertThat(answer).contains("€10.00 voucher, valid until");
        assertThat(page.field("Message for the customer").getDomProperty("value"))
                .contains(code).contains("a voucher worth €10.00").contains("Enter the code at checkout");
        assertThat(page.hasButton("Copy code")).isTrue();

        assertThat(page.waitFor(".wallet", code)).contains("Vouchers (1)").contains("€10.00 left of €10.00")
                .contains("Active");
        assertThat(page.waitFor(".history", "Parcel lost in transit")).contains("Issued").contains("Case " + caseRef)
                .contains("Agent " + agentId).contains("Email").contains(code);
        assertFitsTheSidebar();
        page.screenshot("sidebar-voucher-granted-" + server);

        JsonNode grants = grantsOfTheCustomer();
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).path("voucher").path("code").asText()).isEqualTo(code);
        assertThat(grants.get(0).path("note").asText()).isEqualTo("parcel lost by the carrier");
    }

    @Test
    void shouldGrantOnce_WhenTheAgentDoubleClicks() {
        page.signIn(server.secret(Role.AGENT));
        page.choose("Reason", "Parcel arrived late");
        page.waitFor(".offer", "Suggested for this reason");
        assertThat(page.value("Number of points")).isEqualTo("500");

        new Actions(page.driver()).doubleClick(page.button("Give goodwill")).perform();

        page.waitFor(".result", "Points added");
        assertThat(page.waitFor(".wallet", "500 points")).contains("Points available");
        assertThat(grantsOfTheCustomer()).hasSize(1);
    }

    @Test
    void shouldGrantOnce_WhenTheAnswerWasLostAndTheAgentSendsAgain() {
        page.signIn(server.secret(Role.AGENT));
        page.choose("Reason", "Item arrived damaged");
        page.waitFor(".offer", "Suggested for this reason");
        // The grant reaches the server, but its answer never reaches the page (a dropped connection).
        page.script("""
                const send = window.fetch;
                let lost = false;
                window.fetch = async (url, init) => {
                  const response = await send(url, init);
                  if (!lost && init?.method === 'POST' && String(url).endsWith('/v1/grants')) {
                    lost = true;
                    throw new TypeError('Failed to fetch');
                  }
                  return response;
                };""");
        page.click("Give goodwill");
        assertThat(page.waitFor(".result", "No answer")).contains("may or may not have been made");
        assertThat(grantsOfTheCustomer()).hasSize(1);

        page.click("Give goodwill");

        String code = page.text(".voucher-code");
        assertThat(grantsOfTheCustomer()).hasSize(1);
        assertThat(grantsOfTheCustomer().get(0).path("voucher").path("code").asText()).isEqualTo(code);
    }

    @Test
    void shouldShowTheGrantWaitingForApprovalWithTheRuleInWords_WhenTheAgentGivesOverTheirLimit() {
        server.as(Role.ADMIN).raw("PUT", "/v1/policies/agents/" + agentId, "application/json",
                "{\"max_grant\": {\"amount\": 500, \"currency\": \"EUR\"}}").expect(200);
        page.signIn(server.secret(Role.AGENT));
        page.choose("Reason", "Item arrived damaged");
        String offer = page.waitFor(".offer", "You may give up to");
        assertThat(offer).contains("You may give up to €5.00 without approval (your limit for one grant).")
                .contains("The suggested reward would need a supervisor's approval now.");

        page.click("Give goodwill");

        String answer = page.waitFor(".result", "Awaiting approval");
        assertThat(answer).contains("the customer gets nothing until then")
                .contains("A single grant above €5.00 needs a supervisor's approval; this one is worth €10.00.");
        assertThat(page.waitFor(".history", "Awaiting approval"))
                .contains("A single grant above €5.00 needs a supervisor's approval");
        assertThat(page.all(".voucher-code")).isEmpty();
        page.screenshot("sidebar-awaiting-approval-" + server);
        JsonNode grants = grantsOfTheCustomer();
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).path("status").asText()).isEqualTo("pending_approval");
    }

    @Test
    void shouldForgetTheKey_WhenTheAgentSignsOut() {
        page.signIn(server.secret(Role.AGENT));
        page.waitFor(".wallet", "Wallet");
        assertThat(page.script("return sessionStorage.length")).isNotEqualTo(0L);

        page.click("Sign out");

        page.field("API key");
        assertThat(page.script("return sessionStorage.length")).isEqualTo(0L);
        page.reload();
        assertThat(page.field("API key").isDisplayed()).isTrue();
        assertThat(page.all(".wallet")).isEmpty();
        assertThat(page.script("return document.cookie")).isEqualTo("");
    }

    @Test
    void shouldShowTheApisReason_WhenTheKeyIsRefused() {
        page.type("API key", "not-a-key");
        page.click("Sign in");

        assertThat(page.waitFor(".problem", "A valid API key is required"))
                .contains("Send Authorization: Bearer <api key> with a key that exists and is not revoked");
        assertThat(page.script("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void shouldShowTheWalletWithoutTheGrantForm_WhenTheKeyIsFinances() {
        server.as(Role.AGENT).post("/v1/grants", Map.of("customer_id", customer, "agent_id", "agent-7",
                "reason_code", "SHIPPING_DELAY", "case_ref", caseRef, "channel", "phone", "points", 700)).expect(201);
        page.signIn(server.secret(Role.FINANCE));

        assertThat(page.waitFor(".wallet", "700 points")).contains("Points available");
        assertThat(page.waitFor(".history", "Parcel arrived late")).contains("Phone");
        assertThat(page.all("form.grant-form")).isEmpty();
        assertThat(page.hasButton("Give goodwill")).isFalse();
        assertThat(page.hasField("Your agent id")).isFalse();
        assertThat(page.bodyText()).doesNotContain("Give goodwill");
    }

    @Test
    void shouldOfferNothing_WhenTheKeyIsAStorefronts() {
        page.signIn(server.secret(Role.STOREFRONT));

        assertThat(page.waitFor("main", "Nothing here for this key")).contains("storefront key");
        assertThat(page.hasField("Customer id")).isFalse();
        assertThat(page.hasButton("Give goodwill")).isFalse();
        assertThat(page.hasButton("Sign out")).isTrue();
    }

    private JsonNode grantsOfTheCustomer() {
        return server.as(Role.FINANCE).get("/v1/grants?customer_id=" + customer).expect(200).path("data");
    }

    /** Nothing sticks out of a 320 px sidebar: the page never scrolls sideways. */
    private void assertFitsTheSidebar() {
        assertThat(page.script("return window.innerWidth")).isEqualTo(320L);
        assertThat((Long) page.script("return document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo((Long) page.script("return document.documentElement.clientWidth"));
    }
}
