package com.amends.ledger;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why value moved. Stored as text; new kinds are added as issues need them. */
public enum EntryKind {
    GRANT_ISSUED, GRANT_REVOKED,
    VOUCHER_REDEEMED, POINTS_REDEEMED, REDEMPTION_REVERSED,
    HOLD_PLACED, HOLD_CAPTURED, HOLD_RELEASED,
    POINTS_EXPIRED, VOUCHER_EXPIRED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
