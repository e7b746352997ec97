package com.amends.ledger;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why value moved. Stored as text; new kinds are added as issues need them. */
public enum EntryKind {
    GRANT_ISSUED, GRANT_REVOKED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
