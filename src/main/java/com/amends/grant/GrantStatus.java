package com.amends.grant;

import com.amends.platform.WireEnum;
import com.fasterxml.jackson.annotation.JsonValue;

public enum GrantStatus implements WireEnum {
    PENDING_APPROVAL, ISSUED, REJECTED, REVOKED, EXPIRED;

    @JsonValue
    @Override
    public String wire() {
        return WireEnum.super.wire();
    }

    /** The status a client named in a query parameter. */
    public static GrantStatus fromQuery(String value) {
        return WireEnum.fromQuery(GrantStatus.class, "status", value);
    }
}
