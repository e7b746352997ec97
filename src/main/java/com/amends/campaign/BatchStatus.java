package com.amends.campaign;

import java.util.Locale;

/** A batch is queued until every row of it is settled. Stored as its wire form. */
public enum BatchStatus {
    QUEUED, DONE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
