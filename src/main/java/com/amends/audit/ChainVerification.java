package com.amends.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The answer of a walk along the audit chain. */
@Schema(name = "AuditChainVerification")
public record ChainVerification(
        @Schema(description = "True when every sealed event matches its hash and the chain has no gap")
        boolean valid,
        @Schema(description = "Sealed events checked before the walk stopped", example = "1520")
        long checkedEvents,
        @Schema(description = "The chain is sealed up to this position (events are sealed shortly after they commit)",
                example = "1520")
        long sealedThroughPosition,
        @Schema(nullable = true) String sealedThroughEventId,
        @Schema(nullable = true) Instant sealedAt,
        @Schema(description = "Events written but not yet sealed; they are not covered by this check", example = "3")
        long unsealedEvents,
        @Schema(description = "The hash at the head of the chain; keep it elsewhere to detect a rewritten chain")
        String headHash,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) Mismatch firstMismatch) {

    // nullable on the schema itself: first_mismatch is sent as null, and in OpenAPI 3.0 a property
    // that only points at a schema cannot allow a null the schema refuses.
    @Schema(name = "AuditChainMismatch", nullable = true)
    public record Mismatch(long position, @Schema(nullable = true) String eventId, String problem) {}

    static ChainVerification valid(long checked, AuditDao.ChainHead head, long unsealed, String headEvent) {
        return new ChainVerification(true, checked, head.position(), headEvent, head.sealedAt(), unsealed,
                head.lastHash(), null);
    }

    static ChainVerification broken(long checked, AuditDao.ChainHead head, long unsealed, String headEvent,
                                    long position, String eventId, String problem) {
        return new ChainVerification(false, checked, head.position(), headEvent, head.sealedAt(), unsealed,
                head.lastHash(), new Mismatch(position, eventId, problem));
    }
}
