package com.amends.audit;

import java.time.Instant;

/** Filters of the audit trail; null matches every event. */
public record AuditFilter(Instant from, Instant to, String apiKeyId, String action, String targetId) {}
