package com.amends.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "CreateApiKeyRequest")
public record CreateApiKeyRequest(
        @NotBlank @Size(max = 100) @Schema(example = "zendesk-app", requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        Role role) {}
