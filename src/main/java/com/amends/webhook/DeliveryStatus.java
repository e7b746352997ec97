package com.amends.webhook;

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
        return WireEnum.fromQuery(DeliveryStatus.class, "status", value);
    }
}
