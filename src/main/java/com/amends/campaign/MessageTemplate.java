package com.amends.campaign;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * What the integration that tells customers should say; Amends stores it and hands it back.
 * Placeholders: {{customer_id}}, {{points}}, {{voucher_code}}, {{expires_at}}, {{campaign_name}}.
 */
@Schema(name = "MessageTemplate")
public record MessageTemplate(
        @Size(max = 200) @Schema(example = "Sorry about the storm, {{customer_id}}") String subject,
        @Size(max = 4000) @Schema(example = "We added {{points}} points to your account; they last until {{expires_at}}.")
        String body) {}
