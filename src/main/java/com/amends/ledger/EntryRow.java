package com.amends.ledger;

import java.time.Instant;

public record EntryRow(long seq, String id, String kind, String customerId, String grantId, String reasonCode, Instant createdAt) {}
