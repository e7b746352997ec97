package com.amends.audit;

import com.amends.platform.ListConditions;
import java.time.Instant;

/** Filters of the audit trail; null matches every event. */
public record AuditFilter(Instant from, Instant to, String apiKeyId, String action, String targetId) {

    /** Most selective first: the first one given leads the order, and with it the index read. */
    ListConditions conditions() {
        return new ListConditions("seq")
                .equalIndexed("target_id", "targetId", targetId)
                .equalIndexed("api_key_id", "apiKeyId", apiKeyId)
                .equal("action", "action", action)
                .atLeast("occurred_at", "from", from)
                .below("occurred_at", "to", to);
    }
}
