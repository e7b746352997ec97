package com.amends.grant;

import com.amends.platform.ListConditions;
import java.time.Instant;

/** The filters of the grant list; null means "any". */
public record GrantFilter(
        String customerId, String status, String agentId, String reasonCode, String campaignId, Instant from, Instant to) {

    /** Most selective first: the first one given leads the order, and with it the index read. */
    ListConditions conditions() {
        return new ListConditions("id")
                .equalIndexed("customer_id", "customerId", customerId)
                .equalIndexed("agent_id", "agentId", agentId)
                .equalIndexed("reason_code", "reasonCode", reasonCode)
                .equalIndexed("status", "status", status)
                .equal("campaign_id", "campaignId", campaignId)
                .atLeast("created_at", "from", from)
                .below("created_at", "to", to);
    }
}
