package com.amends.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.testing.OwnServerFixture;
import com.amends.testing.Reply;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The origins an admin configures may frame the sidebar, and no other page. */
@Tag("http")
@ParameterizedClass
@MethodSource("com.amends.testing.Servers#fresh")
class SidebarFrameAncestorsApiTest extends OwnServerFixture {
    @Test
    void shouldLetTheConfiguredOriginsFrameTheSidebarOnly() {
        server.setting("console.sidebarFrameAncestors", "https://yourshop.zendesk.com,https://*.gorgias.com");

        Reply sidebar = server.withSecret(null).get("/console/sidebar?customer_id=c-1&case_ref=ZD-1");
        Reply console = server.withSecret(null).get("/console/");

        assertThat(sidebar.header("Content-Security-Policy"))
                .endsWith("frame-ancestors https://yourshop.zendesk.com https://*.gorgias.com");
        assertThat(sidebar.header("X-Frame-Options")).isNull();
        assertThat(console.header("Content-Security-Policy")).endsWith("frame-ancestors 'none'");
        assertThat(console.header("X-Frame-Options")).isEqualTo("DENY");
    }
}
