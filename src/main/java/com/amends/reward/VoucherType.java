package com.amends.reward;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum VoucherType {
    /** A money value in one currency, spendable in parts until used up. */
    AMOUNT,
    /** A percentage off one order, with an optional cap; single use. */
    PERCENT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VoucherType fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
