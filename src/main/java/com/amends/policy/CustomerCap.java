package com.amends.policy;

import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

@Schema(name = "CustomerCap", description = "Goodwill one customer may receive in a rolling window before a grant needs approval")
public record CustomerCap(
        @NotNull @Valid @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Money amount,
        @NotNull @Min(1) @Max(3660) @Schema(example = "90", requiredMode = Schema.RequiredMode.REQUIRED) Integer windowDays) {}
