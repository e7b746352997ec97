package com.amends.campaign;

import com.amends.platform.WireEnum;

/** A batch is queued until every row of it is settled. Stored as its wire form. */
public enum BatchStatus implements WireEnum {
    QUEUED, DONE;
}
