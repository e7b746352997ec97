package com.amends.policy;

import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

@Schema(name = "BudgetRequest")
public record BudgetRequest(
        @NotNull @Valid @Schema(description = "Per calendar month (UTC)", requiredMode = Schema.RequiredMode.REQUIRED)
        Money amount,
        @NotNull @Pattern(regexp = "soft|hard", message = "must be soft or hard")
        @Schema(allowableValues = {"soft", "hard"}, requiredMode = Schema.RequiredMode.REQUIRED,
                description = "soft: over it a grant needs approval; hard: over it a grant is refused")
        String mode) {}
