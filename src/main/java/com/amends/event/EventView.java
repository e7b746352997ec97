package com.amends.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** An event as the feed and a webhook delivery show it. */
@Schema(name = "Event")
public record EventView(
        @Schema(example = "evt_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String id,
        @Schema(example = "grant.issued") EventType type,
        Instant createdAt,
        @Schema(example = Events.API_VERSION, description = "The version of the shapes in data") String apiVersion,
        @Schema(implementation = Object.class, type = "object",
                description = "object: the resource as the API shows it (a grant, a redemption, a "
                + "hold, a voucher, a campaign, a batch, points expiring or expired, a budget threshold); message: a "
                + "campaign grant's message, rendered")
        JsonNode data,
        @Schema(nullable = true, example = "shop-cust-42") String customerId,
        @Schema(nullable = true, description = "The request that made the change; null for a background job")
        String requestId) {}
