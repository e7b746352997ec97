package com.amends.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.Reply;
import com.amends.testing.TestServer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The console is served from the jar with headers that keep its pages from being framed or injected into. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class ConsoleHeadersApiTest {
    private static final Pattern INLINE = Pattern.compile("<script(?![^>]*\\bsrc=)|\\sstyle=|\\son[a-z]+=",
            Pattern.CASE_INSENSITIVE);

    @Parameter
    TestServer server;

    @Test
    void shouldServeEveryPageUnframableUnderAStrictPolicy_WhenNoFrameOriginIsConfigured() {
        for (String page : new String[] {"/console/", "/console/sidebar"}) {
            Reply reply = get(page);
            assertThat(reply.status()).as(page).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("text/html");
            assertStrict(reply, page);
            assertThat(reply.header("Content-Security-Policy")).as(page).contains("frame-ancestors 'none'");
            assertThat(reply.header("X-Frame-Options")).as(page).isEqualTo("DENY");
            assertThat(INLINE.matcher(reply.text()).find()).as("inline script or style in %s", page).isFalse();
        }
    }

    @Test
    void shouldServeScriptsAndStylesWithTheirTypes() {
        Reply script = get("/console/js/api.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/javascript");
        assertStrict(script, "a script");
        assertThat(get("/console/console.css").contentType()).startsWith("text/css");
    }

    @Test
    void shouldAnswerNotModified_WhenTheBrowserHasTheFileAlready() {
        Reply first = get("/console/js/api.js");
        String etag = first.header("ETag");
        assertThat(first.header("Cache-Control")).isEqualTo("no-cache");

        Reply again = server.withSecret(null).raw("GET", "/console/js/api.js", null, null, "If-None-Match", etag);

        assertThat(again.status()).isEqualTo(304);
        assertThat(again.text()).isEmpty();
    }

    @Test
    void shouldServeNoPageByItsFileName_AndNothingOutsideTheConsole() {
        for (String path : new String[] {"/console/index.html", "/console/sidebar.html", "/console/nothing.js",
                "/console/js/../../db/001-foundation.sql", "/console/%2e%2e/config.yml", "/console/js/api.js.map"}) {
            Reply reply = get(path);
            assertThat(reply.status()).as(path).isIn(400, 404);
            assertThat(reply.text()).as(path).doesNotContain("changeset");
        }
        assertStrict(get("/console/nothing.js"), "a 404");
    }

    @Test
    void shouldRedirectToTheConsole_WhenTheSlashIsMissing() {
        Reply reply = get("/console");

        assertThat(reply.status()).isBetween(301, 308);
        assertThat(reply.header("Location")).endsWith("/console/");
    }

    private Reply get(String path) {
        return server.withSecret(null).get(path);
    }

    private static void assertStrict(Reply reply, String what) {
        String policy = reply.header("Content-Security-Policy");
        assertThat(policy).as(what).contains("default-src 'none'").contains("script-src 'self'")
                .contains("style-src 'self'").contains("connect-src 'self'").contains("form-action 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(reply.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
        assertThat(reply.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
    }
}
