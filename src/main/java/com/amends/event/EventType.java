package com.amends.event;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What happened. An event's type is written {@code object.happening}, as webhook consumers read it. */
public enum EventType {
    GRANT_ISSUED, GRANT_PENDING_APPROVAL, GRANT_APPROVED, GRANT_REJECTED, GRANT_REVOKED, GRANT_APPROVAL_EXPIRED,
    VOUCHER_REDEEMED, POINTS_REDEEMED, REDEMPTION_REVERSED,
    HOLD_CREATED, HOLD_CAPTURED, HOLD_RELEASED, HOLD_EXPIRED,
    POINTS_EXPIRED, VOUCHER_EXPIRED, POINTS_EXPIRING_SOON, VOUCHER_EXPIRING_SOON,
    CAMPAIGN_BATCH_COMPLETED, CAMPAIGN_COMPLETED,
    BUDGET_THRESHOLD_REACHED,
    CUSTOMER_ERASED;

    /** {@code GRANT_PENDING_APPROVAL} is {@code grant.pending_approval}: the object, a dot, what happened to it. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replaceFirst("_", ".");
    }

    public static Optional<EventType> fromWire(String value) {
        return Arrays.stream(values()).filter(type -> type.wire().equals(value)).findFirst();
    }

    /** Every type's wire name, for messages that list them. */
    public static String catalogue() {
        return String.join(", ", Arrays.stream(values()).map(EventType::wire).toList());
    }
}
