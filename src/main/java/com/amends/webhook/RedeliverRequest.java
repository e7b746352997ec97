package com.amends.webhook;

import com.amends.platform.Ids;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

@Schema(name = "RedeliverEventRequest")
public record RedeliverRequest(
        @Size(max = Ids.MAX_LENGTH)
        @Schema(nullable = true, description = "Only to this endpoint; absent for every enabled endpoint that wants the event")
        String endpointId) {}
