package com.amends.grant;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where the customer was heard, or {@code proactive} when the business spoke first. */
public enum Channel {
    PHONE, EMAIL, CHAT, SOCIAL, PROACTIVE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
