package com.amends.grant;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
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
        for (GrantStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw ApiException.field(ErrorCode.INVALID_PARAMETER, "status",
                "must be one of pending_approval, issued, rejected, revoked, expired");
    }
}
