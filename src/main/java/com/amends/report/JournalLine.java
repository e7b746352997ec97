package com.amends.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One posting, as a general-ledger line. The journal's sign convention: a negative amount is a
 * debit (goodwill expense booked, a customer's balance spent), a positive one a credit.
 */
@Schema(name = "JournalLine")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JournalLine(
        @Schema(example = "jre_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String entryId,
        @Schema(example = "1") int line,
        Instant time,
        @Schema(example = "grant_issued") String kind,
        @Schema(example = "goodwill:SHIPPING_DELAY") String account,
        @Schema(description = "Points, or minor units", example = "500") long debit,
        @Schema(example = "0") long credit,
        @Schema(example = "points") String unit,
        @Schema(nullable = true, example = "SHIPPING_DELAY") String reasonCode,
        @Schema(nullable = true) String grantId,
        @Schema(nullable = true) String customerId) {}
