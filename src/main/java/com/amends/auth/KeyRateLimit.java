package com.amends.auth;

import com.amends.platform.ratelimit.Rate;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A key's own rate limit, over its role's: for one integration that needs more (or should have less). */
@Schema(name = "KeyRateLimit", description = "Requests a second this key may send on average, and how many at once")
public record KeyRateLimit(
        @NotNull @Min(1) @Max(MAX) @Schema(example = "200", requiredMode = Schema.RequiredMode.REQUIRED) Integer perSecond,
        @NotNull @Min(1) @Max(MAX) @Schema(example = "400", requiredMode = Schema.RequiredMode.REQUIRED) Integer burst) {
    static final int MAX = 100_000;

    Rate rate() {
        return Rate.of(perSecond, burst);
    }

    static KeyRateLimit of(Integer perSecond, Integer burst) {
        return perSecond == null || burst == null ? null : new KeyRateLimit(perSecond, burst);
    }
}
