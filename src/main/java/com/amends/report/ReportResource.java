package com.amends.report;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.ledger.Reconciler;
import com.amends.ledger.Reconciliation;
import com.amends.platform.Csv;
import com.amends.platform.CsvAnswers;
import com.amends.platform.ErrorCode;
import com.amends.platform.Money;
import com.amends.platform.PageLimit;
import com.amends.platform.ParamConverters;
import com.amends.platform.openapi.Refusals;
import com.amends.platform.ratelimit.ExpensiveRead;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Finance reports. Each answers JSON, or CSV with {@code Accept: text/csv}: a header row, ISO
 * times, money in decimal major units beside its currency, columns in a fixed order, streamed.
 */
@ExpensiveRead
@Path("/v1/reports")
@Produces({MediaType.APPLICATION_JSON, ReportResource.TEXT_CSV})
@Tag(name = "Reports")
@RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
public final class ReportResource {
    static final String TEXT_CSV = CsvAnswers.TEXT_CSV;
    private static final String FROM = "At or after." + ParamConverters.TIME_FORMS;
    private static final String TO = "Before." + ParamConverters.END_FORMS;
    private final SpendReports spend;
    private final LiabilityReports liability;
    private final EffectivenessReports effectiveness;
    private final JournalExport journal;
    private final Reconciler reconciler;
    private final Clock clock;

    public ReportResource(SpendReports spend, LiabilityReports liability, EffectivenessReports effectiveness,
                          JournalExport journal, Reconciler reconciler, Clock clock) {
        this.spend = spend;
        this.liability = liability;
        this.effectiveness = effectiveness;
        this.journal = journal;
        this.reconciler = reconciler;
        this.clock = clock;
    }

    @GET
    @Path("/goodwill-spend")
    @Operation(operationId = "goodwillSpendReport", summary = "Goodwill issued in a period, grouped by one or two of "
            + "reason, category, agent, channel, campaign and day/week/month",
            responses = @ApiResponse(responseCode = "200", description = "The report", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpendReport.class)),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string",
                            example = "reason,month,unit,amount,value,value_currency\r\nSHIPPING_DELAY,2026-11,points,500,5.00,EUR\r\n"))}))
    @Refusals(ErrorCode.VALIDATION_FAILED)
    public Response spend(@Auth Caller caller, @Context HttpHeaders headers,
                          @QueryParam("from") @Parameter(required = true, description = FROM) Instant from,
                          @QueryParam("to") @Parameter(required = true, description = TO) Instant to,
                          @QueryParam("group_by") @Size(max = 100) @Parameter(required = true, example = "reason,month",
                                  description = "One or two of reason, category, agent, channel, campaign, day, week, month")
                          String groupBy) {
        List<Dimension> dimensions = Dimension.parse(groupBy, Dimension.SPEND, 2);
        SpendReport report = spend.spend(from, to, dimensions);
        return CsvAnswers.answer(headers, report, "goodwill-spend", csv -> {
            List<Object> header = new ArrayList<>(report.groupBy());
            header.addAll(List.of("unit", "amount", "value", "value_currency"));
            csv.row(header);
            report.rows().forEach(row -> csv.row(amountRow(row)));
        });
    }

    @GET
    @Path("/liability")
    @Operation(operationId = "liabilityReport", summary = "What customers could still spend at a moment, and how it moved: "
            + "opening + issued - redeemed - expired - revoked = closing",
            responses = @ApiResponse(responseCode = "200", description = "The report", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LiabilityReport.class)),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string"))}))
    @Refusals(ErrorCode.VALIDATION_FAILED)
    public Response liability(@Auth Caller caller, @Context HttpHeaders headers,
                              @QueryParam("as_of") @Parameter(description = "Any past moment; defaults to now." + ParamConverters.TIME_FORMS)
                              Instant asOf,
                              @QueryParam("from") @Parameter(description = "Start of the movement; defaults to the start "
                                      + "of as_of's month (UTC)." + ParamConverters.TIME_FORMS) Instant from) {
        Instant at = asOf != null ? asOf : clock.instant();
        Instant start = from != null ? from
                : YearMonth.from(at.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        LiabilityReport report = liability.liability(start, at);
        return CsvAnswers.answer(headers, report, "liability", csv -> {
            csv.row(List.of("from", "as_of", "unit", "opening", "issued", "redeemed", "expired", "revoked", "closing",
                    "held", "closing_value", "value_currency"));
            for (LiabilityReport.Movement m : report.units()) {
                String u = m.unit();
                csv.row(List.of(report.from(), report.asOf(), u, Csv.amount(m.opening(), u), Csv.amount(m.issued(), u),
                        Csv.amount(m.redeemed(), u), Csv.amount(m.expired(), u), Csv.amount(m.revoked(), u),
                        Csv.amount(m.closing(), u), Csv.amount(m.held(), u),
                        Csv.amount(m.closingValue().amount(), m.closingValue().currency()), m.closingValue().currency()));
            }
        });
    }

    @GET
    @Path("/breakage")
    @Operation(operationId = "breakageReport", summary = "Value that expired unspent in a period, by reason and campaign",
            responses = @ApiResponse(responseCode = "200", description = "The report", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BreakageReport.class)),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string"))}))
    @Refusals(ErrorCode.VALIDATION_FAILED)
    public Response breakage(@Auth Caller caller, @Context HttpHeaders headers,
                             @QueryParam("from") @Parameter(required = true, description = FROM) Instant from,
                             @QueryParam("to") @Parameter(required = true, description = TO) Instant to) {
        BreakageReport report = spend.breakage(from, to);
        return CsvAnswers.answer(headers, report, "breakage", csv -> {
            csv.row(List.of("reason", "campaign", "unit", "amount", "value", "value_currency"));
            report.rows().forEach(row -> csv.row(amountRow(row)));
        });
    }

    @GET
    @Path("/effectiveness")
    @Operation(operationId = "effectivenessReport", summary = "Share of goodwill redeemed and median time from grant to "
            + "first redemption, for grants made in a period",
            responses = @ApiResponse(responseCode = "200", description = "The report", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EffectivenessReport.class)),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string"))}))
    @Refusals(ErrorCode.VALIDATION_FAILED)
    public Response effectiveness(@Auth Caller caller, @Context HttpHeaders headers,
                                  @QueryParam("from") @Parameter(required = true, description = FROM) Instant from,
                                  @QueryParam("to") @Parameter(required = true, description = TO) Instant to,
                                  @QueryParam("group_by") @Size(max = 100) @Parameter(required = true, example = "reason",
                                          description = "One or two of reason, category, agent, channel, campaign")
                                  String groupBy) {
        List<Dimension> dimensions = Dimension.parse(groupBy, Dimension.EFFECTIVENESS, 2);
        EffectivenessReport report = effectiveness.effectiveness(from, to, dimensions);
        return CsvAnswers.answer(headers, report, "effectiveness", csv -> {
            List<Object> header = new ArrayList<>(report.groupBy());
            header.addAll(List.of("grants", "redeemed_grants", "issued_value", "redeemed_value", "value_currency",
                    "redemption_rate", "median_seconds_to_first_redemption"));
            csv.row(header);
            for (EffectivenessReport.Row row : report.rows()) {
                List<Object> cells = new ArrayList<>(row.group().values());
                String currency = row.issuedValue().currency();
                cells.addAll(List.of(row.grants(), row.redeemedGrants(), Csv.amount(row.issuedValue().amount(), currency),
                        Csv.amount(row.redeemedValue().amount(), currency), currency));
                cells.add(row.redemptionRate());
                cells.add(row.medianSecondsToFirstRedemption());
                csv.row(cells);
            }
        });
    }

    @GET
    @Path("/journal")
    @Operation(operationId = "journalExport", summary = "The journal as a general-ledger export: one line per posting, "
            + "in the order written; JSON pages, or all of the period as streamed CSV",
            responses = @ApiResponse(responseCode = "200", description = "Journal lines", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JournalPage.class)),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string",
                            example = "entry_id,line,time,kind,account,debit,credit,unit,reason_code,grant_id,customer_id\r\n"))}))
    @Refusals({ErrorCode.VALIDATION_FAILED, ErrorCode.INVALID_CURSOR})
    public Response journal(@Auth Caller caller, @Context HttpHeaders headers,
                            @QueryParam("from") @Parameter(required = true, description = FROM) Instant from,
                            @QueryParam("to") @Parameter(required = true, description = TO) Instant to,
                            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(PageLimit.MAX) int limit,
                            @QueryParam("cursor") @Parameter(description = "next_cursor of the previous page (JSON only)")
                            String cursor) {
        if (!CsvAnswers.wantsCsv(headers)) {
            return Response.ok(journal.journal(from, to, limit, cursor), MediaType.APPLICATION_JSON_TYPE).build();
        }
        Periods.requireRange(from, to);
        return CsvAnswers.csv("journal", csv -> {
            csv.row(List.of("entry_id", "line", "time", "kind", "account", "debit", "credit", "unit", "reason_code",
                    "grant_id", "customer_id"));
            journal.streamJournal(from, to, l -> csv.row(java.util.Arrays.asList(l.entryId(), l.line(), l.time(), l.kind(),
                    l.account(), Csv.amount(l.debit(), l.unit()), Csv.amount(l.credit(), l.unit()), l.unit(),
                    l.reasonCode(), l.grantId(), l.customerId())));
        });
    }

    @GET
    @Path("/reconciliation")
    @Operation(operationId = "reconcile", summary = "Check that the books balance and stored balances match the journal",
            description = "As CSV: one row per finding (unbalanced_entry, entry_without_postings, balance_mismatch, "
                    + "negative_balance, lot_mismatch), each with the totals checked; one row with no finding when "
                    + "the books balance.",
            responses = @ApiResponse(responseCode = "200", description = "The report", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Reconciliation.class)),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string", example = "checked_at,ok,"
                            + "entries_checked,postings_checked,accounts_checked,finding,entry_id,account,customer_id,"
                            + "unit,expected,found\r\n2026-11-20T10:00:00Z,true,1200,2400,300,,,,,,,\r\n"))}))
    public Response reconcile(@Auth Caller caller, @Context HttpHeaders headers) {
        Reconciliation books = reconciler.run();
        return CsvAnswers.answer(headers, books, "reconciliation", csv -> ReconciliationCsv.write(books, csv));
    }

    /** The OpenAPI shape of a journal page. */
    @Schema(name = "JournalPage")
    public record JournalPage(List<JournalLine> data,
                              @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) String nextCursor) {}

    private static List<Object> amountRow(GroupedAmount row) {
        List<Object> cells = new ArrayList<>(row.group().values());
        Money value = row.value();
        cells.addAll(List.of(row.unit(), Csv.amount(row.amount(), row.unit()), Csv.amount(value.amount(), value.currency()),
                value.currency()));
        return cells;
    }
}
