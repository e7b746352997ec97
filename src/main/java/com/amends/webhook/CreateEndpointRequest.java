package com.amends.webhook;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

@Schema(name = "CreateWebhookEndpointRequest")
public record CreateEndpointRequest(
        @NotBlank @Size(max = EndpointGuard.MAX_URL_LENGTH)
        @Schema(example = "https://crm.example.com/amends-webhooks", requiredMode = Schema.RequiredMode.REQUIRED)
        String url,
        @Size(max = 500) String description,
        @Size(max = 100)
        @ArraySchema(schema = @Schema(maxLength = 64),
                arraySchema = @Schema(description = "Event types to send (wire names); empty or absent for every type"))
        List<@Size(max = 64) String> eventTypes,
        @Schema(description = "Whether events are sent to it; true when absent") Boolean enabled) {}
