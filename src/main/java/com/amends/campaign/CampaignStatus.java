package com.amends.campaign;

import java.util.Locale;

/** A campaign takes recipients while open; closed is for good. Stored as its wire form. */
public enum CampaignStatus {
    OPEN, CLOSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
