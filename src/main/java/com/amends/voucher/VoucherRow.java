package com.amends.voucher;

import com.amends.reward.VoucherTerms;
import com.amends.reward.VoucherType;
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
        VoucherStatus status,
        Instant expiresAt,
        Instant createdAt,
        Long remaining,
        String reasonCode) {

    /** A voucher as issued for a grant: active, its whole value left (what its account is credited with). */
    static VoucherRow issued(String id, String code, String customerId, String grantId, VoucherTerms terms,
                             Instant expiresAt, Instant now) {
        boolean amount = terms.type() == VoucherType.AMOUNT;
        return new VoucherRow(id, code, customerId, grantId, terms.type().wire(), terms.currency(),
                amount ? terms.value().amount() : null, terms.percentOff(),
                terms.maxDiscount() == null ? null : terms.maxDiscount().amount(), VoucherStatus.ACTIVE, expiresAt, now,
                amount ? terms.value().amount() : null, null);
    }

    public boolean isAmount() {
        return "amount".equals(type);
    }

    public long balance() {
        return remaining == null ? 0 : remaining;
    }
}
