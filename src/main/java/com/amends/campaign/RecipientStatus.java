package com.amends.campaign;

import java.util.Locale;

/** What became of one row of a batch; queued until it is settled. Stored as its wire form. */
public enum RecipientStatus {
    QUEUED, INVALID, CREDITED, ALREADY_CREDITED, COST_CAP, BUDGET_EXHAUSTED, EXPIRED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecipientStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The row's customer has this campaign's grant (now or from before). */
    boolean credited() {
        return this == CREDITED || this == ALREADY_CREDITED;
    }
}
