package com.amends.grant;

import java.time.Instant;

/** The filters of the grant list; null means "any". */
public record GrantFilter(
        String customerId, String status, String agentId, String reasonCode, String campaignId, Instant from, Instant to) {}
