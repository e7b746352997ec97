package com.amends.policy;

import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;

/** Limits for a role or an agent; a limit left out does not apply (for an agent: the role's applies). */
@Schema(name = "Limits")
public record Limits(
        @Valid @Schema(description = "The largest single grant without approval") Money maxGrant,
        @Valid @Schema(description = "The most one agent may grant per UTC day without approval") Money dailyTotal) {}
