package com.amends.console;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Browser;
import com.amends.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The console page on a desktop: sign-in, the views a role may use, the customer view. */
@Tag("browser")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class ConsoleBrowserTest {
    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @Parameter
    TestServer server;

    ConsolePage page;

    @BeforeEach
    void openTheConsole() {
        page = new ConsolePage(BROWSER, server).viewport(1280, 900).open("/console/");
    }

    @Test
    void shouldLookUpACustomerAndGivePoints_WhenASupervisorUsesTheKeyboard() {
        String customer = newCustomer();
        String agentId = "lead-" + UUID.randomUUID().toString().substring(0, 8);
        server.as(Role.AGENT).post("/v1/grants", amountVoucherGrant(customer, 2500, "EUR")).expect(201);

        // Keyboard only: the key field has the focus, Enter signs in, Tab goes from field to field.
        page.field("API key");
        page.driver().switchTo().activeElement().sendKeys(server.secret(Role.SUPERVISOR), Keys.ENTER);
        assertThat(page.text("nav a[aria-current='page']")).isEqualTo("Customers");
        assertThat(page.text("#who")).contains("supervisor");
        page.field("Customer id").sendKeys(customer, Keys.TAB);
        page.driver().switchTo().activeElement().sendKeys(agentId, Keys.ENTER);

        String wallet = page.waitFor(".wallet", "€25.00 left of €25.00");
        assertThat(wallet).contains("Vouchers (1)").contains("Points available").contains("0 points");
        assertThat(page.waitFor(".history", "Item arrived damaged")).contains("Issued").contains("Agent agent-7");
        WebElement created = page.all(".history time").get(0);
        assertThat(created.getAttribute("title")).endsWith(" UTC");

        page.choose("Reason", "Kept waiting for an answer");
        page.waitFor(".offer", "Suggested for this reason: 200 points (worth €2.00)");
        page.type("Case", "ZD-" + UUID.randomUUID().toString().substring(0, 8));
        page.type("Number of points", "250");
        page.click("Give goodwill");

        page.waitFor(".result", "Points added");
        assertThat(page.field("Message for the customer").getDomProperty("value")).contains("250 points");
        assertThat(page.waitFor(".wallet", "250 points")).contains("2 grants: 250 points and €25.00 in vouchers");
        assertTwoColumns();
        assertEveryControlIsLabelled();
        page.screenshot("console-customers-" + server);
    }

    @Test
    void shouldSayWhatIsWrong_WhenTheGrantFormIsIncomplete() {
        page.signIn(server.secret(Role.AGENT));
        page.type("Customer id", newCustomer()).type("Your agent id", "agent-7").click("Look up");
        page.choose("Reason", "Item arrived damaged");
        page.waitFor(".offer", "Suggested for this reason");
        page.type("Amount", "12.345");
        page.type("Case", " ");
        page.click("Give goodwill");

        assertThat(page.waitFor(".grant-form", "Give an amount such as 10.50."))
                .contains("Name the case this makes amends for.");
        assertThat(page.all(".result .success")).isEmpty();
    }

    @Test
    void shouldOfferTheBudgetsAndTheAdminPages_WhenTheKeyIsAnAdmins() {
        page.signIn(server.secret(Role.ADMIN));

        page.waitFor(".budgets", "Budgets");
        assertThat(page.all("nav a")).extracting(WebElement::getText)
                .containsExactly("Budgets", "Finance", "Books", "API keys", "Reason codes", "Limits", "Webhooks");
        assertThat(page.hasField("Customer id")).isFalse();
        page.screenshot("console-admin-" + server);
    }

    @Test
    void shouldShowTheSignInPage_WhenNobodyIsSignedIn() {
        assertThat(page.field("API key").getAttribute("type")).isEqualTo("password");
        assertThat(page.bodyText()).contains("Kept in this browser tab only");
        assertThat(page.all("nav a")).isEmpty();
        page.screenshot("console-sign-in-" + server);
    }

    private void assertTwoColumns() {
        int wallet = page.all(".wallet").get(0).getRect().getX();
        int give = page.all(".give").get(0).getRect().getX();
        assertThat(give).as("the grant form beside the wallet").isGreaterThan(wallet + 300);
    }

    private void assertEveryControlIsLabelled() {
        Object unlabelled = page.script("""
                return [...document.querySelectorAll('input, select, textarea')]
                  .filter(control => control.labels.length === 0 && !control.getAttribute('aria-label'))
                  .map(control => control.name);""");
        assertThat((java.util.List<?>) unlabelled).isEmpty();
    }
}
