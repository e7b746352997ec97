package com.amends.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Browser;
import com.amends.testing.TestDatabase;
import com.amends.testing.TestServer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A helpdesk page frames the sidebar: the browser shows it to the origin an admin configured and
 * refuses it to any other. The helpdesk is a page served from another port (another origin); the
 * same page reached as localhost instead of 127.0.0.1 is a second, unlisted origin. What is tested
 * is the browser's enforcement of a header, so one server on H2 serves; the header itself is tested
 * on both databases by SidebarFrameAncestorsApiTest.
 */
@Tag("browser")
class SidebarFramingBrowserTest {
    @RegisterExtension
    static final Browser BROWSER = new Browser();

    static HttpServer helpdesk;
    static TestServer server;

    @BeforeAll
    static void startAHelpdeskAndAServerThatTrustsIt() throws IOException {
        helpdesk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = helpdesk.getAddress().getPort();
        server = new TestServer(TestDatabase.h2()).setting("console.sidebarFrameAncestors", "http://127.0.0.1:" + port);
        String sidebar = "http://127.0.0.1:" + server.port() + "/console/sidebar?customer_id=framed-1&case_ref=ZD-9&agent_id=agent-7";
        byte[] page = ("<!doctype html><title>Helpdesk</title><h1>Ticket ZD-9</h1>"
                + "<iframe title=\"Amends\" width=\"320\" height=\"700\" src=\"" + sidebar + "\"></iframe>")
                .getBytes(StandardCharsets.UTF_8);
        helpdesk.createContext("/ticket", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        helpdesk.start();
    }

    @AfterAll
    static void stop() {
        if (helpdesk != null) {
            helpdesk.stop(0);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldShowTheSidebarInTheConfiguredHelpdesk_AndSignInInsideTheFrame() {
        var driver = BROWSER.driver();
        driver.get("http://127.0.0.1:" + helpdesk.getAddress().getPort() + "/ticket");
        driver.switchTo().frame(0);
        ConsolePage sidebar = new ConsolePage(BROWSER, server);

        sidebar.signIn(server.secret(Role.AGENT));

        assertThat(sidebar.waitFor(".wallet", "No wallet yet")).contains("framed-1");
        assertThat(sidebar.value("Case")).isEqualTo("ZD-9");
        driver.switchTo().defaultContent();
        BROWSER.screenshot("sidebar-in-a-helpdesk");
    }

    @Test
    void shouldRefuseTheFrame_WhenTheHelpdeskIsAnotherOrigin() {
        var driver = BROWSER.driver();
        driver.get("http://localhost:" + helpdesk.getAddress().getPort() + "/ticket");
        driver.switchTo().frame(0);

        // A refused frame shows the browser's own error page, never the sidebar.
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !"about:blank".equals(
                String.valueOf(driver.executeScript("return location.href"))));
        assertThat(String.valueOf(driver.executeScript("return location.href"))).doesNotContain("/console/sidebar");
        assertThat(driver.findElements(By.cssSelector("form.signin"))).isEmpty();
        driver.switchTo().defaultContent();
    }
}
