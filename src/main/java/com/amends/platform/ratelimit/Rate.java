package com.amends.platform.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A token bucket's shape: {@code burst} requests at once, refilled at {@code perSecond}. A caller
 * that keeps to {@code perSecond} is never refused; one that pauses may then send {@code burst}
 * back to back.
 */
public record Rate(
        @JsonProperty("perSecond") @Min(1) @Max(MAX) int perSecond,
        @JsonProperty("burst") @Min(1) @Max(MAX) int burst) {
    public static final int MAX = 1_000_000_000;

    public static Rate of(int perSecond, int burst) {
        return new Rate(perSecond, burst);
    }
}
