package com.amends.privacy;

import com.amends.wallet.Wallet;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI shape of a customer's export; the answer itself is streamed by {@link CustomerExport}.
 * Each table is its rows about the customer, each row the table's columns as stored (times in
 * ISO-8601 UTC, JSON columns as JSON).
 */
@Schema(name = "CustomerExport")
record CustomerExportDocument(
        @Schema(example = "shop-cust-42") String customerId,
        Instant exportedAt,
        Wallet wallet,
        @ArraySchema(schema = @Schema(implementation = ExportRow.class)) List<Map<String, Object>> accounts,
        @ArraySchema(schema = @Schema(implementation = ExportRow.class)) List<Map<String, Object>> grants,
        @ArraySchema(schema = @Schema(implementation = ExportRow.class)) List<Map<String, Object>> pointLots,
        @ArraySchema(schema = @Schema(implementation = ExportRow.class)) List<Map<String, Object>> vouchers,
        @ArraySchema(schema = @Schema(implementation = ExportRow.class)) List<Map<String, Object>> redemptions,
        @ArraySchema(schema = @Schema(implementation = ExportRow.class)) List<Map<String, Object>> redemptionLots,
        @ArraySchema(schema = @Schema(implementation = ExportRow.class)) List<Map<String, Object>> reversals,
        @ArraySchema(schema = @Schema(implementation = ExportRow.class)) List<Map<String, Object>> holds,
        @ArraySchema(schema = @Schema(implementation = ExportRow.class)) List<Map<String, Object>> ledgerEntries,
        @ArraySchema(schema = @Schema(implementation = ExportRow.class)) List<Map<String, Object>> goodwillTotals,
        @ArraySchema(schema = @Schema(implementation = ExportRow.class)) List<Map<String, Object>> campaignRecipients,
        @ArraySchema(schema = @Schema(implementation = ExportRow.class)) List<Map<String, Object>> events,
        @ArraySchema(schema = @Schema(implementation = ExportRow.class)) List<Map<String, Object>> auditEvents) {

    /** One stored row: its columns by name, as stored. */
    @Schema(name = "ExportRow", type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
            description = "One row of the table, its columns by name as stored")
    static final class ExportRow {
        private ExportRow() {}
    }
}
