package com.amends.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

@Schema(name = "CreateApiKeyRequest")
public record CreateApiKeyRequest(
        @NotBlank @Size(max = 100) @Schema(example = "zendesk-app", requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        Role role,
        @Schema(nullable = true, description = "When the key stops working; in the future. Leave it out for a key that "
                + "does not expire")
        Instant expiresAt,
        @Valid @Schema(nullable = true, description = "The key's own rate limit, over its role's (config.yml "
                + "rateLimits); leave it out for the role's")
        KeyRateLimit rateLimit) {

    public CreateApiKeyRequest(String name, Role role) {
        this(name, role, null, null);
    }
}
