package com.amends.console;

import com.amends.testing.Browser;
import com.amends.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console as a person uses it: fields found by their labels, buttons by their words, and what
 * the page says read as text. Every step waits (up to ten seconds) for the page to get there.
 */
final class ConsolePage {
    private final Browser browser;
    private final ChromeDriver driver;
    private final String origin;
    private final WebDriverWait wait;

    ConsolePage(Browser browser, TestServer server) {
        this.browser = browser;
        this.driver = browser.driver();
        this.origin = "http://127.0.0.1:" + server.port();
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        browser.watch(server);
    }

    String origin() {
        return origin;
    }

    /** Opens a console path in a fresh tab state: nothing kept from a previous test. */
    ConsolePage open(String path) {
        driver.get(origin + "/console/icon.svg");
        driver.executeScript("sessionStorage.clear()");
        driver.get(origin + path);
        return this;
    }

    /** The page's viewport in CSS pixels, exactly (a window's size would include its frame and scroll bar). */
    ConsolePage viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        return this;
    }

    ConsolePage signIn(String secret) {
        type("API key", secret);
        click("Sign in");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form.signin")));
        return this;
    }

    WebElement field(String label) {
        WebElement element = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//label[normalize-space(.)=" + literal(label) + "]")));
        String id = element.getAttribute("for");
        return id == null ? element.findElement(By.tagName("input")) : driver.findElement(By.id(id));
    }

    boolean hasField(String label) {
        return !driver.findElements(By.xpath("//label[normalize-space(.)=" + literal(label) + "]")).isEmpty();
    }

    ConsolePage type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    ConsolePage choose(String label, String option) {
        new Select(field(label)).selectByVisibleText(option);
        return this;
    }

    String value(String label) {
        return field(label).getDomProperty("value");
    }

    WebElement button(String words) {
        return wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space(.)=" + literal(words) + "]")));
    }

    ConsolePage click(String words) {
        button(words).click();
        return this;
    }

    boolean hasButton(String words) {
        return !driver.findElements(By.xpath("//button[normalize-space(.)=" + literal(words) + "]")).isEmpty();
    }

    /** Waits until the element shows this text, and answers all it shows. */
    String waitFor(String css, String text) {
        By where = By.cssSelector(css);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(where, text));
        return driver.findElement(where).getText();
    }

    String text(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css))).getText();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    ConsolePage reload() {
        driver.navigate().refresh();
        return this;
    }

    void screenshot(String name) {
        browser.screenshot(name);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** An XPath string literal for any text (XPath 1.0 has no escapes, so quotes are joined with concat). */
    private static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}
