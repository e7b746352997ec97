package com.amends.grant;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum GrantStatus {
    PENDING_APPROVAL, ISSUED, REJECTED, REVOKED, EXPIRED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GrantStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The status a client named in a query parameter. */
    public static GrantStatus fromQuery(String value) {
        for (GrantStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw ApiException.field(ErrorCode.INVALID_PARAMETER, "status",
                "must be one of pending_approval, issued, rejected, revoked, expired");
    }
}
