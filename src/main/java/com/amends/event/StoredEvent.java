package com.amends.event;

import java.time.Instant;

/**
 * An event as written: {@code seq} orders all events, {@code payload} is the JSON a webhook
 * delivers byte for byte (voucher codes in full).
 */
public record StoredEvent(long seq, String id, EventType type, String customerId, String requestId, Instant createdAt,
                          String payload) {}
