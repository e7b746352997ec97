package com.amends.reason;

import com.amends.reward.Reward;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A partial update: fields left out (or null) keep their value. */
@Schema(name = "UpdateReasonCodeRequest", description = "Fields left out keep their value")
public record UpdateReasonCodeRequest(
        @Size(min = 1, max = 200) String name,
        @Pattern(regexp = ReasonCodes.CATEGORY_PATTERN, message = "must be 1 to 40 of a-z, 0-9 and _") String category,
        @Schema(description = "false retires the code: no new grant may name it") Boolean active,
        @Valid Reward suggestedReward,
        @Min(1) @Max(3660) Integer defaultValidityDays) {}
