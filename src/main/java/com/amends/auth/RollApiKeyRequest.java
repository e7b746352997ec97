package com.amends.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;

@Schema(name = "RollApiKeyRequest")
public record RollApiKeyRequest(
        @Min(0) @Max(MAX_OVERLAP_SECONDS) @Schema(nullable = true, example = "86400", description = "How long the "
                + "secret before the roll is still accepted, in seconds: 0 refuses it at once (a leaked secret); "
                + "24 hours when left out, 7 days at most")
        Long overlapSeconds,
        @Schema(nullable = true, description = "A new expiry for the key (both secrets), in the future; when left "
                + "out the key keeps its own")
        Instant expiresAt) {
    static final long DEFAULT_OVERLAP_SECONDS = 24 * 3600;
    static final long MAX_OVERLAP_SECONDS = 7 * 24 * 3600;

    static RollApiKeyRequest defaults() {
        return new RollApiKeyRequest(null, null);
    }

    long overlap() {
        return overlapSeconds == null ? DEFAULT_OVERLAP_SECONDS : overlapSeconds;
    }
}
