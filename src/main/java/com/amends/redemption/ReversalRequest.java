package com.amends.redemption;

import com.amends.platform.Money;
import com.amends.reward.Reward;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

@Schema(name = "ReversalRequest", description = "Leave out amount and points (or the whole body) to reverse all that "
        + "is left")
public record ReversalRequest(
        @Valid @Schema(description = "Voucher redemptions: how much to give back") Money amount,
        @Positive @Max(Reward.MAX_POINTS) @Schema(description = "Points redemptions: how many points to give back")
        Long points,
        @Size(max = 500) @Schema(example = "order-981 refunded in part") String reason) {

    /** No body and {@code {}} ask the same: all that is left, so a retry of either gets the other's answer. */
    static final ReversalRequest ALL = new ReversalRequest(null, null, null);
}
