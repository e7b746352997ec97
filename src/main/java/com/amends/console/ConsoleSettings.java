package com.amends.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/** The {@code console} section of the configuration: which helpdesks may show the sidebar in a frame. */
public class ConsoleSettings {
    /**
     * An origin as a Content-Security-Policy source: a scheme, a host (its first label may be
     * {@code *}) and an optional port. Nothing else passes, so that no setting can end the
     * frame-ancestors directive and add one of its own.
     */
    static final String ORIGIN = "https?://(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?";

    /** The origins that may frame /console/sidebar; none by default, so no page of the console can be framed. */
    @NotNull
    private List<@NotNull @Pattern(regexp = ORIGIN,
            message = "must be an origin such as https://yourshop.zendesk.com: a scheme, a host and an optional port")
            String> sidebarFrameAncestors = List.of();

    @JsonProperty
    public List<String> getSidebarFrameAncestors() {
        return sidebarFrameAncestors;
    }

    @JsonProperty
    public void setSidebarFrameAncestors(List<String> sidebarFrameAncestors) {
        this.sidebarFrameAncestors = sidebarFrameAncestors;
    }
}
