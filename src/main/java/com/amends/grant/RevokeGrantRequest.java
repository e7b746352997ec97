package com.amends.grant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "RevokeGrantRequest")
public record RevokeGrantRequest(
        @NotBlank @Size(max = 500) @Schema(example = "granted to the wrong customer", requiredMode = Schema.RequiredMode.REQUIRED)
        String reason) {}
