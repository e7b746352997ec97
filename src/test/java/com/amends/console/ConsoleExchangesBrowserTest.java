package com.amends.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.auth.Role;
import com.amends.testing.Browser;
import com.amends.testing.SpecValidator;
import com.amends.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The console's requests are held to the spec like the API tests' own: every browser test's
 * exchanges are recorded on the server and checked after it. This proves the recording sees what
 * the browser sent and got, and that an answer off the spec would be caught.
 */
@Tag("browser")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#all")
class ConsoleExchangesBrowserTest {
    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @Parameter
    TestServer server;

    @Test
    void shouldRecordTheConsolesRequestsAsSent_SoThatTheSpecCheckSeesThem() {
        ConsolePage page = new ConsolePage(BROWSER, server).viewport(1280, 900).open("/console/");
        page.signIn(server.secret(Role.FINANCE));
        page.waitFor("#who", "finance");

        List<SpecValidator.Exchange> exchanges = server.browserExchanges();
        SpecValidator.Exchange me = exchanges.stream().filter(e -> e.path().equals("/v1/me")).findFirst()
                .orElseThrow(() -> new AssertionError("no GET /v1/me among " + exchanges));
        assertThat(me.method()).isEqualTo("GET");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.requestHeaders().get("Authorization")).containsExactly("Bearer " + server.secret(Role.FINANCE));
        assertThat(me.responseBody()).contains("\"role\":\"finance\"");
        assertThat(SpecValidator.checkedIn().violations(me)).isEmpty();

        SpecValidator.Exchange offTheSpec = new SpecValidator.Exchange(me.method(), me.path(), me.query(),
                me.requestHeaders(), me.requestBody(), me.status(), me.responseHeaders(),
                me.responseBody().replaceFirst("\\{", "{\"undocumented\":true,"));
        assertThat(SpecValidator.checkedIn().violations(offTheSpec)).as("an answer with a field the spec lacks")
                .isNotEmpty();
    }
}
