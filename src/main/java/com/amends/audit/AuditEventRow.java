package com.amends.audit;

import java.time.Instant;

public record AuditEventRow(long seq, String id, Instant occurredAt, String apiKeyId, String apiKeyName, String role,
                            String agentId, String action, String targetType, String targetId, String requestId,
                            String clientAddress, String beforeState, String afterState, Long chainPosition,
                            String hash) {}
