package com.amends.webhook;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A partial update: fields left out (or null) keep their value. */
@Schema(name = "UpdateWebhookEndpointRequest", description = "Fields left out keep their value")
public record UpdateEndpointRequest(
        @Size(min = 1, max = EndpointGuard.MAX_URL_LENGTH) String url,
        @Size(max = 500) String description,
        @Size(max = 100)
        @ArraySchema(schema = @Schema(maxLength = 64),
                arraySchema = @Schema(description = "Event types to send; an empty list sends every type"))
        List<@Size(max = 64) String> eventTypes,
        @Schema(description = "true enables it again (and forgets its failures); false stops deliveries")
        Boolean enabled) {}
