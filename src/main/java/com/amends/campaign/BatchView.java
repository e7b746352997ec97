package com.amends.campaign;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(name = "CampaignBatch")
public record BatchView(
        @Schema(example = "cbt_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String id,
        String campaignId,
        @Schema(allowableValues = {"queued", "done"}) String status,
        RecipientCounts counts,
        @Schema(nullable = true, description = "Per-row outcomes, once the batch is done") List<RecipientResult> results,
        Instant createdAt,
        @Schema(nullable = true) Instant finishedAt) {

    @Schema(name = "RecipientResult")
    public record RecipientResult(
            @Schema(description = "1-based row of the batch") int line,
            String customerId,
            @Schema(example = "credited",
                    allowableValues = {"credited", "already_credited", "invalid", "cost_cap", "budget_exhausted", "expired",
                            "queued"})
            String status,
            @Schema(nullable = true, example = "is longer than 64 characters") String detail,
            @Schema(nullable = true) String grantId,
            @Schema(nullable = true, description = "The voucher issued, for a voucher campaign") String voucherCode) {}
}
