package com.amends.privacy;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The record of one customer's erasure; it never names their old id. */
@Schema(name = "Erasure")
public record ErasureView(
        @Schema(description = "The pseudonym: what the customer's rows carry instead of their id from now on; it "
                + "also names this erasure in the audit trail", example = "erased_3f9c2a7d51e04b8c9a6e2d1f0b7c4e88")
        String id,
        Instant erasedAt,
        @Schema(description = "Holds that were still open, released first", example = "0") int releasedHolds,
        @Schema(description = "Grants whose voucher could still be spent, revoked through the ledger (grant.revoked)",
                example = "1") int revokedGrants,
        @Schema(description = "Grants that waited for approval, rejected with no agent (grant.rejected)", example = "0")
        int withdrawnGrants,
        @Schema(description = "Grants whose notes and case references were blanked", example = "3") int erasedGrants,
        AuditRedactions auditRedactions) {

    /**
     * The audit events that were sealed in the hash chain before the erasure and rewritten by it,
     * and a SHA-256 over their ids and new links: the chain's walk checks them against it.
     */
    @Schema(name = "ErasureAuditRedactions")
    public record AuditRedactions(@Schema(example = "4") long events,
                                  @Schema(example = "9a0f4c2e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19")
                                  String digest) {}
}
