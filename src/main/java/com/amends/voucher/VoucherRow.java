package com.amends.voucher;

import java.time.Instant;

/** A stored voucher; {@code remaining} is its ledger account's balance, read alongside. */
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
        Long remaining) {}
