package com.amends.report;

import com.amends.platform.ApiException;
import java.time.Instant;

/** The [from, to) a report covers. */
final class Periods {
    private Periods() {}

    static void requireRange(Instant from, Instant to) {
        if (from == null) {
            throw ApiException.invalid("from", "is required (ISO-8601, e.g. 2026-11-01T00:00:00Z)");
        }
        if (to == null) {
            throw ApiException.invalid("to", "is required (ISO-8601, e.g. 2026-12-01T00:00:00Z)");
        }
        if (!from.isBefore(to)) {
            throw ApiException.invalid("to", "must be after from");
        }
    }
}
