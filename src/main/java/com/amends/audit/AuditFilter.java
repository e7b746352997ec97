package com.amends.audit;

import com.amends.platform.ListConditions;
import java.time.Instant;

/** Filters of the audit trail; null matches every event. */
public record AuditFilter(Instant from, Instant to, String apiKeyId, String action, String targetId) {

    /**
     * Most selective first: the first one given leads the order, and with it the index read.
     * Columns of {@code e}, the events, which the list joins to their links.
     */
    ListConditions conditions() {
        return new ListConditions("e.seq")
                .equalIndexed("e.target_id", "targetId", targetId)
                .equalIndexed("e.api_key_id", "apiKeyId", apiKeyId)
                .equal("e.action", "action", action)
                .atLeast("e.occurred_at", "from", from)
                .below("e.occurred_at", "to", to);
    }
}
