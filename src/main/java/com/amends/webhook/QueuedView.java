package com.amends.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(name = "WebhookDeliveriesQueued")
public record QueuedView(
        @Schema(description = "How many deliveries were queued") int queued,
        @Schema(description = "The deliveries queued (for a recovery: empty, count only)") List<DeliveryView> deliveries) {}
