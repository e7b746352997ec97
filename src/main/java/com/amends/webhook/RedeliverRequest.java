package com.amends.webhook;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "RedeliverEventRequest")
public record RedeliverRequest(
        @Schema(nullable = true, description = "Only to this endpoint; absent for every enabled endpoint that wants the event")
        String endpointId) {}
