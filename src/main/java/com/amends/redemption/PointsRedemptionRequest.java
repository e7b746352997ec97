package com.amends.redemption;

import com.amends.reward.Reward;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

@Schema(name = "PointsRedemptionRequest")
public record PointsRedemptionRequest(
        @NotBlank @Size(max = 100) @Schema(example = "order-981", requiredMode = Schema.RequiredMode.REQUIRED)
        String orderRef,
        @NotNull @Positive @Max(Reward.MAX_POINTS) @Schema(example = "200", requiredMode = Schema.RequiredMode.REQUIRED)
        Long points,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
        @Schema(example = "EUR", description = "The order's currency: the answer says what the points are worth in it")
        String currency) {}
