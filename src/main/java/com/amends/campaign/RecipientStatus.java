package com.amends.campaign;

import com.amends.platform.WireEnum;

/** What became of one row of a batch; queued until it is settled. Stored as its wire form. */
public enum RecipientStatus implements WireEnum {
    QUEUED, INVALID, CREDITED, ALREADY_CREDITED, COST_CAP, BUDGET_EXHAUSTED, EXPIRED;

    /** The row's customer has this campaign's grant (now or from before). */
    boolean credited() {
        return this == CREDITED || this == ALREADY_CREDITED;
    }
}
