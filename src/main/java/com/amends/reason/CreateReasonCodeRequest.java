package com.amends.reason;

import com.amends.reward.Reward;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(name = "CreateReasonCodeRequest")
public record CreateReasonCodeRequest(
        @NotNull @Pattern(regexp = ReasonCodes.CODE_PATTERN, message = "must be 2 to 50 of A-Z, 0-9 and _, starting with a letter")
        @Schema(example = "LATE_REFUND", requiredMode = Schema.RequiredMode.REQUIRED) String code,
        @NotBlank @Size(max = 200) @Schema(example = "Refund took too long", requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @NotNull @Pattern(regexp = ReasonCodes.CATEGORY_PATTERN, message = "must be 1 to 40 of a-z, 0-9 and _")
        @Schema(example = "billing", requiredMode = Schema.RequiredMode.REQUIRED) String category,
        @Schema(description = "Defaults to true") Boolean active,
        @Valid Reward suggestedReward,
        @NotNull @Min(1) @Max(3660) @Schema(example = "365", requiredMode = Schema.RequiredMode.REQUIRED)
        Integer defaultValidityDays) {}
