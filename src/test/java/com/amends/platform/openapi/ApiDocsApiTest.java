package com.amends.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.Api;
import com.amends.testing.Reply;
import com.amends.testing.TestServer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** /docs: Swagger UI from the jar, over the document the server serves, for anyone without a key. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class ApiDocsApiTest {
    private static final Pattern LINKED = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final Pattern SCRIPT = Pattern.compile("<script([^>]*)>");

    @Parameter
    TestServer server;

    Api anyone;

    @BeforeEach
    void setUp() {
        anyone = server.withSecret(null);
    }

    @Test
    void shouldServeThePageAndEveryFileItLinks_WithoutAKey() {
        for (String path : List.of("/docs", "/docs/")) {
            Reply page = anyone.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.contentType()).as(path).startsWith("text/html");
        }
        String html = anyone.get("/docs").text();
        List<String> linked = LINKED.matcher(html).results().map(m -> m.group(1)).toList();
        assertThat(linked).contains("/docs/swagger-ui/swagger-ui-bundle.js", "/docs/swagger-ui/swagger-ui.css",
                "/docs/initializer.js");
        for (String path : linked) {
            Reply file = anyone.get(path);
            assertThat(file.status()).as(path).isEqualTo(200);
            assertThat(file.text()).as(path).isNotEmpty();
            assertThat(file.contentType()).as(path).matches("(text/javascript|text/css|image/png).*");
        }
        assertThat(anyone.get("/docs/swagger-ui/no-such-file.js").status()).isEqualTo(404);
    }

    /** Swagger UI runs under a policy that allows scripts from this server alone, so none may be inline. */
    @Test
    void shouldAllowOnlyScriptsFromThisServer_AndHaveNoInlineScript() {
        Reply page = anyone.get("/docs");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(anyone.get("/docs/initializer.js").header("Content-Security-Policy")).isEqualTo(policy);
        Matcher scripts = SCRIPT.matcher(page.text());
        int count = 0;
        while (scripts.find()) {
            assertThat(scripts.group(1)).as("script tag %s", scripts.group()).contains("src=");
            count++;
        }
        assertThat(count).isEqualTo(2);
    }

    @Test
    void shouldLoadTheServedSpec_AndKeepTheKeyEnteredOnce() {
        String initializer = anyone.get("/docs/initializer.js").text();
        assertThat(initializer).contains("persistAuthorization: true");
        Matcher url = Pattern.compile("url: '([^']+)'").matcher(initializer);
        assertThat(url.find()).as("the spec URL in the initializer").isTrue();

        Reply spec = anyone.get(url.group(1));
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.json().path("openapi").asText()).startsWith("3.");
        assertThat(spec.json().path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .as("what the Authorize button asks for").isEqualTo("bearer");
    }
}
