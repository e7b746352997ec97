package com.amends.campaign;

import com.amends.platform.WireEnum;

/** A campaign takes recipients while open; closed is for good. Stored as its wire form. */
public enum CampaignStatus implements WireEnum {
    OPEN, CLOSED;

    /** The status a client named in a query parameter. */
    static CampaignStatus fromQuery(String value) {
        return WireEnum.fromQuery(CampaignStatus.class, "status", value);
    }
}
