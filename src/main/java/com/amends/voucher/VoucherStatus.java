package com.amends.voucher;

import com.amends.platform.WireEnum;

/** What is stored of a voucher's state; a client also sees used_up and expired as they fall due. */
public enum VoucherStatus implements WireEnum {
    ACTIVE, HELD, REDEEMED, EXPIRED, REVOKED
}
