package com.amends.webhook;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "WebhookPing")
public record PingView(
        @Schema(description = "Whether the endpoint answered 2xx") boolean delivered,
        @Schema(nullable = true, description = "The HTTP status it answered; null when no answer came") Integer status,
        @Schema(nullable = true, description = "What went wrong, when it was not delivered") String error,
        long durationMs) {}
