package com.amends.console;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Browser;
import com.amends.testing.OwnServerFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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
 * The admin's pages: API keys, reason codes, limits and budgets, each checked against what the API
 * then answers. Servers of their own, because limits, budgets and the catalogue are global.
 */
@Tag("browser")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class AdminBrowserTest extends OwnServerFixture {
    @RegisterExtension
    static final Browser BROWSER = new Browser();

    ConsolePage page;

    @BeforeEach
    void openTheConsole() {
        page = new ConsolePage(BROWSER, server).viewport(1280, 900);
    }

    @Test
    void shouldShowANewKeysSecretOnce_TheKeyWorks_AndOnceRevokedTheApiRefusesIt() {
        String name = "helpdesk-" + UUID.randomUUID().toString().substring(0, 8);
        page.open("/console/#api-keys").signIn(server.secret(Role.ADMIN));
        assertThat(page.text("nav")).contains("API keys").contains("Reason codes").contains("Limits").contains("Webhooks")
                .contains("Budgets");
        page.type("Name", name).choose("Role", "Agent: gives goodwill within its limits").click("Create key");

        String box = page.waitFor(".secret-box", "it will not be shown again");
        assertThat(box).contains("Secret of " + name);
        String secret = page.all(".secret-box input").get(0).getDomProperty("value");
        assertThat(secret).startsWith("sk_");
        assertThat(page.driver().switchTo().activeElement().getDomProperty("value")).isEqualTo(secret);
        assertThat(page.hasButton("Copy")).isTrue();
        page.screenshot("console-admin-key-created-" + server);

        JsonNode me = server.withSecret(secret).get("/v1/me").expect(200);
        assertThat(me.path("role").asText()).isEqualTo("agent");
        assertThat(me.path("name").asText()).isEqualTo(name);
        String id = me.path("key_id").asText();

        // Never again: not after a reload, and not in the list, which now shows the key's last use.
        page.reload();
        String row = page.waitFor(key(id), name);
        assertThat(page.bodyText()).doesNotContain(secret);
        assertThat(page.all("input")).noneMatch(input -> secret.equals(input.getDomProperty("value")));
        assertThat(row).contains("Role agent").doesNotContain("last used never");
        assertThat(in(key(id), ".meta time").get(0).getAttribute("title")).endsWith(" UTC");

        in(key(id), "button[aria-label^='Revoke']").get(0).click();
        page.waitFor(key(id) + " .confirm[aria-label='Revoke key']", "cannot be restored");
        assertThat(page.driver().switchTo().activeElement().getText()).isEqualTo("Revoke key");
        page.screenshot("console-admin-key-revoke-" + server);
        page.click("Revoke key");
        page.waitFor(key(id) + " .card-head", "Revoked");
        server.withSecret(secret).get("/v1/me").expectProblem(401, "unauthorized");
        assertThat(server.as(Role.ADMIN).get("/v1/api-keys?limit=100").expect(200).path("data").findValues("id").stream()
                .filter(node -> node.asText().equals(id)).count()).isEqualTo(1);
    }

    @Test
    void shouldRollAKey_ShowingTheNewSecretOnce_WhileTheOldOneStillWorks() {
        String name = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = server.as(Role.ADMIN).post("/v1/api-keys", Map.of("name", name, "role", "storefront",
                "expires_at", server.clock().instant().plus(Duration.ofDays(90)).toString()), null).expect(201);
        String id = created.path("id").asText();
        String old = created.path("secret").asText();
        page.open("/console/#api-keys").signIn(server.secret(Role.ADMIN));
        assertThat(page.waitFor(key(id), name)).contains("expires");

        in(key(id), "button[aria-label^='Roll']").get(0).click();
        page.waitFor(key(id) + " .confirm[aria-label='Roll key']", "keeps working for 24 hours");
        page.click("Roll key");

        String box = page.waitFor(key(id) + " .secret-box", "it will not be shown again");
        assertThat(box).contains("New secret of " + name);
        String secret = in(key(id), ".secret-box input").get(0).getDomProperty("value");
        assertThat(secret).startsWith("sk_").isNotEqualTo(old);
        assertThat(page.text(key(id) + " .meta")).contains("rolled").contains("old secret until");
        page.screenshot("console-admin-key-rolled-" + server);
        server.withSecret(secret).get("/v1/me").expect(200);
        server.withSecret(old).get("/v1/me").expect(200);
    }

    @Test
    void shouldAddEditAndRetireAReasonCode_AsTheApiThenAnswers() {
        String code = "LATE_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', '_');
        page.open("/console/#reason-codes").signIn(server.secret(Role.ADMIN));
        page.waitFor(".reasons", "DAMAGED_ITEM");
        page.type("Code", code).type("Category", "shipping").type("Name", "Parcel came late");
        page.type("Valid for (days)", "90");
        page.field("Suggest a reward for this reason").click();
        page.type("Number of points", "300");
        page.click("Add reason code");

        page.waitFor(".reason-form .success", "Added " + code);
        JsonNode added = server.as(Role.AGENT).get("/v1/reason-codes/" + code).expect(200);
        assertThat(added.path("name").asText()).isEqualTo("Parcel came late");
        assertThat(added.path("default_validity_days").asInt()).isEqualTo(90);
        assertThat(added.path("suggested_reward").path("points").asLong()).isEqualTo(300);
        assertThat(page.waitFor(reason(code), "Parcel came late")).contains("Category shipping · valid 90 days · suggests 300 points");

        page.driver().findElement(By.cssSelector(reason(code) + " button[aria-label='Edit " + code + "']")).click();
        WebElement category = page.driver().findElement(By.cssSelector(reason(code) + " input[name='category']"));
        category.clear();
        category.sendKeys("delivery");
        page.driver().findElement(By.cssSelector(reason(code) + " .reason-form button[type='submit']")).click();
        page.waitFor(reason(code) + " .meta", "Category delivery");
        assertThat(server.as(Role.AGENT).get("/v1/reason-codes/" + code).expect(200).path("category").asText())
                .isEqualTo("delivery");

        page.driver().findElement(By.cssSelector(reason(code) + " button[aria-label='Retire " + code + "']")).click();
        page.waitFor(reason(code) + " .confirm", "Agents can no longer choose it");
        page.screenshot("console-admin-reason-codes-" + server);
        page.click("Retire reason code");
        page.waitFor(reason(code) + " .card-head", "Retired");
        assertThat(server.as(Role.AGENT).get("/v1/reason-codes/" + code).expect(200).path("active").asBoolean()).isFalse();
    }

    @Test
    void shouldSetRoleAndAgentLimitsTheCapAndABudget_AsTheApiThenAnswers() {
        page.open("/console/#limits").signIn(server.secret(Role.ADMIN));
        typeIn("form[data-role='agent']", "Largest single grant (EUR)", "25");
        typeIn("form[data-role='agent']", "Daily total per person (EUR)", "200.50");
        page.click("Save agents' limits");
        page.waitFor(".limits-saved", "Saved the agent limits.");
        JsonNode policies = server.as(Role.FINANCE).get("/v1/policies").expect(200);
        assertThat(policies.path("roles").path("agent").path("max_grant").path("amount").asLong()).isEqualTo(2500);
        assertThat(policies.path("roles").path("agent").path("daily_total").path("amount").asLong()).isEqualTo(20050);

        typeIn(".agent-limits-form", "Agent id", "trainee-1");
        typeIn(".agent-limits-form", "Largest single grant (EUR)", "5");
        page.click("Save this agent's limits");
        page.waitFor(".limits-saved", "Saved trainee-1's own limits.");
        assertThat(page.text("li[data-agent='trainee-1']")).contains("€5.00").contains("daily total the role's");
        typeIn(".cap-form", "At most (EUR)", "100");
        typeIn(".cap-form", "In any (days)", "30");
        page.click("Save the cap");
        page.waitFor(".limits-saved", "Saved the per-customer cap.");
        assertThat(page.text(".cap-form")).contains("Now: €100.00 in any 30 days.");
        policies = server.as(Role.FINANCE).get("/v1/policies").expect(200);
        assertThat(policies.path("agents").get(0).path("agent_id").asText()).isEqualTo("trainee-1");
        assertThat(policies.path("customer_cap").path("window_days").asInt()).isEqualTo(30);
        page.screenshot("console-admin-limits-" + server);

        // A wrong amount is marked beside its field and nothing is sent.
        typeIn("form[data-role='supervisor']", "Largest single grant (EUR)", "ten");
        page.click("Save supervisors' limits");
        assertThat(page.waitFor("form[data-role='supervisor'] .field-error", "Give an amount such as 25.00")).isNotEmpty();
        assertThat(server.as(Role.FINANCE).get("/v1/policies").expect(200).path("roles").has("supervisor")).isFalse();

        page.driver().findElement(By.cssSelector("button[aria-label=\"Drop trainee-1's limits\"]")).click();
        page.click("Drop limits");
        page.waitFor(".limits-saved", "Dropped trainee-1's own limits.");
        assertThat(page.text(".agent-limits")).contains("No agent has limits of their own");
        assertThat(server.as(Role.FINANCE).get("/v1/policies").expect(200).path("agents")).isEmpty();

        page.open("/console/#budgets").signIn(server.secret(Role.ADMIN));
        page.choose("Budget for", "Overall").choose("Kind", "Hard: over it, grants are refused");
        page.type("Per month (EUR)", "5000");
        page.click("Save budget");
        page.waitFor(".budgets", "€0.00 of €5,000.00 used");
        server.as(Role.AGENT).post("/v1/grants", amountVoucherGrant(newCustomer(), 1000, "EUR")).expect(201);
        page.reload();
        String budgets = page.waitFor(".budgets", "€10.00 of €5,000.00 used");
        assertThat(budgets).contains("Hard: over it, grants are refused");
        JsonNode overall = server.as(Role.FINANCE).get("/v1/budgets").expect(200).get(0);
        assertThat(overall.path("budget").path("amount").asLong()).isEqualTo(500000);
        assertThat(overall.path("mode").asText()).isEqualTo("hard");
        page.screenshot("console-admin-budgets-" + server);

        page.click("Drop…");
        page.click("Drop budget");
        page.waitFor(".budgets", "No budget is set");
        assertThat(server.as(Role.FINANCE).get("/v1/budgets").expect(200)).isEmpty();
    }

    @Test
    void shouldShowNoAdminPageOrAction_ToAKeyWithoutTheAdminRole() {
        for (Role role : new Role[] {Role.SUPERVISOR, Role.FINANCE, Role.AGENT}) {
            page.open("/console/#api-keys").signIn(server.secret(role));
            page.text("main h1");
            assertThat(page.text("nav")).doesNotContain("API keys").doesNotContain("Reason codes")
                    .doesNotContain("Limits").doesNotContain("Webhooks");
            assertThat(page.hasButton("Create key")).isFalse();
            assertThat(page.all(".secret-box")).isEmpty();
        }
        page.open("/console/#budgets").signIn(server.secret(Role.SUPERVISOR));
        page.waitFor("main h1", "Budgets");
        assertThat(page.hasButton("Save budget")).isFalse();
        assertThat(page.hasButton("Drop…")).isFalse();
        assertThat(page.all(".budget-form")).isEmpty();
    }

    @Test
    void shouldFitAPhoneWide320Pixels_OnEveryAdminPage() {
        page.viewport(320, 800).open("/console/#api-keys").signIn(server.secret(Role.ADMIN));
        for (String view : new String[] {"api-keys", "reason-codes", "limits", "webhooks", "budgets"}) {
            page.script("location.hash = arguments[0]", view);
            page.waitFor("nav a[aria-current='page'][href='#" + view + "']", "");
            page.text("main form");
            assertThat((Long) page.script("return document.documentElement.scrollWidth"))
                    .as(view).isLessThanOrEqualTo((Long) page.script("return document.documentElement.clientWidth"));
            page.screenshot("console-admin-" + view + "-320-" + server);
        }
    }

    private void typeIn(String form, String label, String text) {
        page.text(form);
        WebElement scope = page.driver().findElement(By.cssSelector(form));
        String id = scope.findElement(By.xpath(".//label[normalize-space(.)='" + label + "']")).getAttribute("for");
        WebElement input = page.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private java.util.List<WebElement> in(String css, String inner) {
        return page.driver().findElements(By.cssSelector(css + " " + inner));
    }

    private static String key(String id) {
        return "li[data-key='" + id + "']";
    }

    private static String reason(String code) {
        return "li[data-reason='" + code + "']";
    }
}
