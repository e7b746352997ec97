package com.amends.webhook;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.WireEnum;
import com.fasterxml.jackson.annotation.JsonValue;

/** A delivery waits (pending, retries included), was taken by the endpoint, or was given up on. */
public enum DeliveryStatus implements WireEnum {
    PENDING, DELIVERED, FAILED;

    @JsonValue
    @Override
    public String wire() {
        return WireEnum.super.wire();
    }

    public static DeliveryStatus fromQuery(String value) {
        for (DeliveryStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw ApiException.field(ErrorCode.INVALID_PARAMETER, "status", "must be one of pending, delivered, failed");
    }
}
