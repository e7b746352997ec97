package com.amends.privacy;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.customer.Customers;
import com.amends.platform.ApiException;
import com.amends.platform.CsvAnswers;
import com.amends.platform.ErrorCode;
import com.amends.platform.openapi.Refusals;
import com.amends.platform.ratelimit.ExpensiveRead;
import com.amends.wallet.Wallet;
import com.amends.wallet.Wallets;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

@ExpensiveRead
@Path("/v1/customers/{customer_id}/export")
@Produces({MediaType.APPLICATION_JSON, CsvAnswers.TEXT_CSV})
@Tag(name = "Customers")
@RolesAllowed(Role.ADMIN_NAME)
public final class CustomerExportResource {
    private final CustomerExport export;
    private final Wallets wallets;

    public CustomerExportResource(CustomerExport export, Wallets wallets) {
        this.export = export;
        this.wallets = wallets;
    }

    @GET
    @Operation(operationId = "exportCustomer",
            summary = "Everything Amends holds about one customer, for their request to see it: JSON, or one table as CSV",
            description = "JSON: the wallet, then every table's rows about the customer (accounts, grants with their "
                    + "notes, point lots, vouchers, redemptions and their lots and reversals, holds, the ledger lines "
                    + "of every entry that moved their value, goodwill totals, campaign recipient rows, events, audit "
                    + "events), columns as stored. With Accept: text/csv, the table named by `table`. Both are "
                    + "streamed from one consistent read, whatever the number of rows.",
            responses = @ApiResponse(responseCode = "200", description = "The customer's data", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CustomerExportDocument.class)),
                    @Content(mediaType = CsvAnswers.TEXT_CSV, schema = @Schema(type = "string",
                            example = "id,customer_id,agent_id,reason_code,case_ref,channel,note,status,…\r\n"))}))
    @Refusals({ErrorCode.CUSTOMER_NOT_FOUND, ErrorCode.INVALID_PARAMETER, ErrorCode.VALIDATION_FAILED})
    public Response export(@Auth Caller caller, @Context HttpHeaders headers,
                           @PathParam("customer_id") @Pattern(regexp = Customers.ID_PATTERN, message = Customers.ID_MESSAGE)
                           String customerId,
                           @QueryParam("table") @Parameter(description = "The table to answer as CSV (required with "
                                   + "Accept: text/csv; the JSON export holds every table)",
                                   schema = @Schema(allowableValues = {"accounts", "grants", "point_lots", "vouchers",
                                           "redemptions", "redemption_lots", "reversals", "holds", "ledger_entries",
                                           "goodwill_totals", "campaign_recipients", "events", "audit_events"}))
                           String table) {
        ExportTable chosen = table == null ? null : ExportTable.fromWire(table).orElseThrow(() ->
                ApiException.field(ErrorCode.INVALID_PARAMETER, "table",
                        "is not a table of the export; they are " + String.join(", ", ExportTable.wires())));
        Wallet wallet = wallets.of(customerId);
        if (CsvAnswers.wantsCsv(headers)) {
            if (chosen == null) {
                throw ApiException.invalid("table", "is required for CSV: name one of " + String.join(", ",
                        ExportTable.wires()));
            }
            return CsvAnswers.csv("customer-" + chosen.wire(), csv -> export.csv(customerId, chosen, csv));
        }
        StreamingOutput json = output -> export.json(customerId, wallet, output);
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
