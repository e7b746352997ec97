package com.amends.voucher;

import java.time.Instant;

/** A stored voucher; {@code remaining} is its ledger account's balance and {@code reasonCode} its grant's, read alongside. */
public record VoucherRow(
        String id,
        String code,
        String customerId,
        String grantId,
        String type,
        String currency,
        Long initialAmount,
        Integer percentOff,
        Long maxDiscount,
        String status,
        Instant expiresAt,
        Instant createdAt,
        Long remaining,
        String reasonCode) {

    public boolean isAmount() {
        return "amount".equals(type);
    }

    public long balance() {
        return remaining == null ? 0 : remaining;
    }
}
