package com.amends.console;

import static com.amends.testing.Bodies.amountVoucherGrant;
import static com.amends.testing.Bodies.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Browser;
import com.amends.testing.OwnServerFixture;
import com.amends.testing.WebhookReceiver;
import com.amends.testing.WebhookReceiver.Answer;
import com.amends.testing.WebhookReceiver.Received;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin's webhook page against a real receiver: add an endpoint (its secret shown once), ping
 * it, see its deliveries and failures, rotate the secret, disable, recover and delete it. Servers
 * of their own, because every endpoint receives every test's events.
 */
@Tag("browser")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class WebhookAdminBrowserTest extends OwnServerFixture {
    @RegisterExtension
    static final Browser BROWSER = new Browser();
    static final Duration WAIT = Duration.ofSeconds(10);

    ConsolePage page;
    WebhookReceiver receiver;

    @BeforeEach
    void openTheConsole() {
        page = new ConsolePage(BROWSER, server).viewport(1280, 900);
        receiver = WebhookReceiver.start(null, server.clock());
    }

    @AfterEach
    void closeTheReceiver() {
        receiver.close();
    }

    @Test
    void shouldAddAnEndpoint_PingIt_SeeItsDeliveriesAndFailures_RotateDisableRecoverAndDeleteIt() {
        page.open("/console/#webhooks").signIn(server.secret(Role.ADMIN));
        page.type("URL", receiver.url()).type("Description (optional)", "CRM emails");
        page.field("grant.issued").click();
        page.click("Add endpoint");

        assertThat(page.waitFor(".secret-box", "it will not be shown again")).contains("Signing secret of " + receiver.url());
        String secret = page.all(".secret-box input").get(0).getDomProperty("value");
        assertThat(secret).startsWith("whsec_");
        receiver.secret(secret);
        JsonNode endpoint = server.as(Role.ADMIN).get("/v1/webhook-endpoints").expect(200).path("data").get(0);
        String id = endpoint.path("id").asText();
        assertThat(endpoint.path("event_types").get(0).asText()).isEqualTo("grant.issued");
        assertThat(endpoint.path("event_types")).hasSize(1);
        assertThat(endpoint.path("description").asText()).isEqualTo("CRM emails");
        page.screenshot("console-admin-webhook-created-" + server);

        page.click("Open");
        page.waitFor(".webhook h2", receiver.url());
        page.click("Send a ping");
        page.waitFor(".webhook", "Delivered: it answered 200");
        assertThat(receiver.awaitRequests(1, WAIT).get(0).signatureValid()).isTrue();

        // A grant's event is delivered by the worker, and the page shows it; then one the receiver refuses.
        server.as(Role.AGENT).post("/v1/grants", amountVoucherGrant(newCustomer(), 500, "EUR")).expect(201);
        deliver();
        receiver.awaitRequests(2, WAIT);
        page.click("Refresh");
        assertThat(page.waitFor(".deliveries", "Delivered")).contains("grant.issued").contains("1 attempt")
                .contains("last answer 200");
        receiver.answer(Answer.status(500).body("down for maintenance"));
        server.as(Role.AGENT).post("/v1/grants", amountVoucherGrant(newCustomer(), 700, "EUR")).expect(201);
        deliver();
        page.click("Refresh");
        String failing = page.waitFor(".deliveries li:first-child", "Pending");
        assertThat(failing).contains("last answer 500").contains("next try");
        page.screenshot("console-admin-webhook-deliveries-" + server);
        receiver.answer(Answer.status(200));

        page.click("Rotate secret…");
        page.waitFor(".webhook .confirm[aria-label='Rotate secret']", "Make a new signing secret?");
        page.click("Rotate secret");
        page.waitFor(".webhook .secret-box", "New signing secret");
        String rotated = page.all(".webhook .secret-box input").get(0).getDomProperty("value");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(page.text(".webhook")).contains("The previous secret also signs until");
        receiver.secret(rotated);
        page.click("Send a ping");
        page.waitFor(".webhook", "Delivered: it answered 200");
        List<Received> received = receiver.awaitRequests(4, WAIT);
        assertThat(received.get(received.size() - 1).signatureValid()).isTrue();

        // Disabled, it is sent nothing; enabled again, recovery sends what it missed.
        page.click("Disable");
        page.waitFor(".webhook .card-head", "Disabled");
        assertThat(server.as(Role.ADMIN).get("/v1/webhook-endpoints/" + id).expect(200).path("enabled").asBoolean()).isFalse();
        String since = server.clock().instant().minus(Duration.ofMinutes(1)).toString();
        server.as(Role.AGENT).post("/v1/grants", amountVoucherGrant(newCustomer(), 900, "EUR")).expect(201);
        page.click("Enable");
        page.waitFor(".webhook .card-head", "Enabled");
        page.script("const d = new Date(arguments[1]);"
                + "arguments[0].value = new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);",
                page.field("Failed or missed since"), since);
        page.click("Recover");
        page.waitFor(".deliveries-panel .success", "queued again");
        deliver();
        assertThat(receiver.awaitRequests(5, WAIT)).anyMatch(request -> request.body().contains("\"amount\":900"));

        page.click("Delete…");
        page.waitFor(".webhook .confirm[aria-label='Delete endpoint']", "cannot be undone");
        page.click("Delete endpoint");
        page.waitFor(".opened", "Deleted: nothing more is sent to it.");
        server.as(Role.ADMIN).get("/v1/webhook-endpoints/" + id).expectProblem(404, "webhook_endpoint_not_found");
        assertThat(page.all("li[data-endpoint='" + id + "']")).isEmpty();
    }

    /** One pass of the delivery worker (its interval is a day in tests). */
    private void deliver() {
        assertThat(server.adminPort().raw("POST", "/tasks/deliver-webhooks", null, "").status()).isEqualTo(200);
    }
}
