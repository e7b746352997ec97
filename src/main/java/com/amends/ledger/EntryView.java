package com.amends.ledger;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(name = "LedgerEntry", description = "One journal entry: what moved between which accounts, and why")
public record EntryView(
        @Schema(example = "jre_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String id,
        @Schema(example = "grant_issued", description = "grant_issued, grant_revoked, and the checkout kinds")
        String kind,
        Instant createdAt,
        @Schema(nullable = true, example = "grt_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String grantId,
        @Schema(nullable = true, example = "SHIPPING_DELAY") String reasonCode,
        List<PostingView> postings) {}
