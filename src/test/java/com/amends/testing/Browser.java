package com.amends.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium for the console's browser tests, driven by Selenium through chromedriver:
 * Debian's {@code chromium} and {@code chromium-driver} at their usual paths (AMENDS_CHROMIUM and
 * AMENDS_CHROMEDRIVER name others). Both executables are given to Selenium, so Selenium Manager
 * never runs and nothing is downloaded. On a machine without them the browser test classes are
 * disabled before they start, and the run prints one line that says why.
 *
 * <p>Register it as a static extension. One browser serves the whole test run, in a profile of
 * its own that is deleted with it when the run ends; tests keep apart by the origin of their
 * server and by clearing the tab's storage when they open a page. A screenshot of the page is
 * written to target/screenshots when a test fails, and when a test asks for one.
 */
public final class Browser implements ExecutionCondition, BeforeEachCallback, AfterTestExecutionCallback {
    private static final Path CHROMIUM = Path.of(variable("AMENDS_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(variable("AMENDS_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final AtomicBoolean TOLD = new AtomicBoolean();
    private static final List<String> ARGUMENTS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
            "--disable-quic", "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1280,1000");

    private ChromeDriver driver;
    private final Set<TestServer> watched = new LinkedHashSet<>();

    /** The reason the browser tests cannot run here, or null when they can. */
    static String missing() {
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(executable)) {
                return "Browser tests skipped: " + executable + " is missing (install Debian's chromium and "
                        + "chromium-driver: apt-get install chromium chromium-driver, or set AMENDS_CHROMIUM and "
                        + "AMENDS_CHROMEDRIVER)";
            }
        }
        return null;
    }

    /** Decided for the class before anything else, so that without a browser no server is started for it. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = missing();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
        }
        if (TOLD.compareAndSet(false, true)) {
            // Surefire keeps what a test prints in a file; the process's own stderr reaches the build's console.
            new PrintStream(new FileOutputStream(FileDescriptor.err), true).println("[WARNING] " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    /** Starts the run's browser with the first test that needs it; JUnit closes it when the run ends. */
    @Override
    public void beforeEach(ExtensionContext context) {
        driver = context.getRoot().getStore(ExtensionContext.Namespace.create(Browser.class))
                .getOrComputeIfAbsent(Chromium.class, type -> new Chromium(), Chromium.class).driver;
        // A viewport a previous test emulated would outlive it in the shared tab.
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        watched.clear();
    }

    /**
     * Holds what the browser asks of this server's API, and what it is answered, to the spec: after
     * the test, a request or answer that breaks api-spec/openapi.yaml fails it.
     */
    public void watch(TestServer server) {
        server.browserExchanges(); // what came before this test is not its to answer for
        watched.add(server);
    }

    public ChromeDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("The browser starts before each test; ask for it in a test");
        }
        return driver;
    }

    /** Writes the whole page the browser shows to target/screenshots/{name}.png. */
    public void screenshot(String name) {
        if (driver == null) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]+", "_") + ".png"), wholePage());
        } catch (IOException | RuntimeException e) {
            System.err.println("No screenshot " + name + ": " + e);
        }
    }

    /** The whole page, not only what fits the window: a screenshot should show all a person could scroll to. */
    @SuppressWarnings("unchecked")
    private byte[] wholePage() {
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
                            "height", Math.min(size.get("height").doubleValue(), 8000), "scale", 1)));
            return Base64.getDecoder().decode((String) shot.get("data"));
        } catch (RuntimeException e) {
            return driver.getScreenshotAs(OutputType.BYTES);
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            screenshot("FAILED-" + context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName()
                    + "-" + context.getUniqueId().hashCode());
        }
        List<String> broken = new ArrayList<>();
        for (TestServer server : watched) {
            for (SpecValidator.Exchange exchange : server.browserExchanges()) {
                List<String> violations = SpecValidator.checkedIn().violations(exchange);
                if (!violations.isEmpty()) {
                    broken.add(exchange + ":\n    - " + String.join("\n    - ", violations));
                }
            }
        }
        watched.clear();
        if (!broken.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError("The console's exchanges break api-spec/openapi.yaml:\n  " + String.join("\n  ", broken));
        }
    }

    private static String variable(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The browser process and its profile directory, which go together. */
    private static final class Chromium implements AutoCloseable {
        private final Path profile;
        private final ChromeDriver driver;

        Chromium() {
            try {
                profile = Files.createTempDirectory("amends-chromium-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(ARGUMENTS);
            options.addArguments("--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                } catch (IOException e) {
                    System.err.println("Could not delete the browser profile " + profile + ": " + e);
                }
            }
        }
    }
}
