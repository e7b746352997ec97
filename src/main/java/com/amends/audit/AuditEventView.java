package com.amends.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One change made through the API. Voucher codes are masked and key secrets never kept. */
@Schema(name = "AuditEvent")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEventView(
        @Schema(example = "aud_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String id,
        Instant occurredAt,
        @Schema(nullable = true, example = "key_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String apiKeyId,
        @Schema(nullable = true, example = "helpdesk") String apiKeyName,
        @Schema(nullable = true, example = "supervisor") String role,
        @Schema(nullable = true, example = "lead-1") String agentId,
        @Schema(description = "The operation, named as in this API's operationIds", example = "approveGrant")
        String action,
        @Schema(example = "grant") String targetType,
        @Schema(nullable = true, example = "grt_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String targetId,
        @Schema(nullable = true, description = "X-Request-Id of the request") String requestId,
        @Schema(nullable = true, example = "203.0.113.7") String clientAddress,
        @Schema(nullable = true, description = "The target before the change, as the API shows it") JsonNode before,
        @Schema(nullable = true, description = "The target after the change, as the API answered it") JsonNode after,
        @Schema(nullable = true, description = "Place in the hash chain; null until the sealer reaches it")
        Long chainPosition,
        @Schema(nullable = true, description = "SHA-256 over this event and the previous event's hash") String hash) {}
