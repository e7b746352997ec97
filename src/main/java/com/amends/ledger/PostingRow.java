package com.amends.ledger;

import java.time.Instant;

/** A stored posting; it repeats its entry's time so that reports read one table. */
public record PostingRow(String entryId, int line, String accountId, String unit, long amount, Long balanceAfter,
                         String grantId, Instant createdAt) {}
