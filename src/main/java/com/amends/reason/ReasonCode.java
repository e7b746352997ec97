package com.amends.reason;

import com.amends.reward.Reward;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "ReasonCode")
public record ReasonCode(
        @Schema(example = "SHIPPING_DELAY") String code,
        @Schema(example = "Parcel arrived late") String name,
        @Schema(example = "shipping", description = "What finance groups spend by") String category,
        boolean active,
        @Schema(nullable = true, description = "What an agent should give for this reason") Reward suggestedReward,
        @Schema(example = "365", description = "Validity of a grant's points or voucher unless the grant says otherwise")
        int defaultValidityDays,
        Instant createdAt,
        Instant updatedAt) {}
