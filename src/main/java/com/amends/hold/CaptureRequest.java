package com.amends.hold;

import com.amends.platform.Money;
import com.amends.reward.Reward;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

@Schema(name = "CaptureRequest", description = "Leave out amount and points (or the whole body) to capture all that "
        + "is held; what is not captured goes back")
public record CaptureRequest(
        @Valid @Schema(description = "Voucher holds: how much to capture") Money amount,
        @Positive @Max(Reward.MAX_POINTS) @Schema(description = "Points holds: how many points to capture") Long points) {

    /** No body and {@code {}} ask the same: all of it, so a retry of either gets the other's answer. */
    static final CaptureRequest ALL = new CaptureRequest(null, null);
}
