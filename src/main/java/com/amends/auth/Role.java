package com.amends.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The one role an API key has; see PRODUCT.md for what each may do. */
public enum Role {
    ADMIN, SUPERVISOR, AGENT, STOREFRONT, FINANCE;

    /** Names for {@code @RolesAllowed}, which needs compile-time constants. */
    public static final String ADMIN_NAME = "admin";
    public static final String SUPERVISOR_NAME = "supervisor";
    public static final String AGENT_NAME = "agent";
    public static final String STOREFRONT_NAME = "storefront";
    public static final String FINANCE_NAME = "finance";

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String value) {
        for (Role role : values()) {
            if (role.wire().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role " + value);
    }
}
