package com.amends.audit;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.platform.ApiException;
import com.amends.platform.CsvAnswers;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
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
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

@ExpensiveRead
@Path("/v1/audit-events")
@Produces({MediaType.APPLICATION_JSON, CsvAnswers.TEXT_CSV})
@Tag(name = "Audit")
@RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
public final class AuditResource {
    private final AuditTrail trail;
    private final AuditChain chain;
    private final Set<String> actions;

    /** @param actions what the trail records: the operationIds of the API's changes */
    public AuditResource(AuditTrail trail, AuditChain chain, Set<String> actions) {
        this.trail = trail;
        this.chain = chain;
        this.actions = new TreeSet<>(actions);
    }

    @GET
    @Operation(operationId = "listAuditEvents", summary = "Who changed what, when, with which key; newest first",
            description = "JSON pages, or with Accept: text/csv every matching event as one streamed CSV (before and "
                    + "after states left out).",
            responses = @ApiResponse(responseCode = "200", description = "Audit events", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditEventPage.class)),
                    @Content(mediaType = CsvAnswers.TEXT_CSV, schema = @Schema(type = "string",
                            example = "occurred_at,id,api_key_id,api_key_name,role,agent_id,action,target_type,target_id,"
                                    + "request_id,client_address,chain_position,hash\r\n"))}))
    @Refusals(ErrorCode.INVALID_CURSOR)
    public Response list(
            @Auth Caller caller, @Context HttpHeaders headers,
            @QueryParam("from") @Parameter(description = "At or after." + ParamConverters.TIME_FORMS) Instant from,
            @QueryParam("to") @Parameter(description = "Before." + ParamConverters.END_FORMS) Instant to,
            @QueryParam("api_key_id") @Size(max = Ids.MAX_LENGTH) String apiKeyId,
            @QueryParam("action") @Size(max = 64) @Parameter(description = "The operationId of a change (an operation "
                    + "other than a GET), e.g. createGrant; any other name is refused") String action,
            @QueryParam("target_id") @Size(max = 64)
            @Parameter(description = "The id of what was changed: a grant's id, a reason code, an agent id, …") String targetId,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(PageLimit.MAX) int limit,
            @QueryParam("cursor") @Parameter(description = "next_cursor of the previous page") String cursor) {
        if (action != null && !actions.contains(action)) {
            // An unknown name would match nothing, and a typo would pass for "nobody did that".
            throw ApiException.field(ErrorCode.INVALID_PARAMETER, "action",
                    "is not an action the audit trail records; they are " + String.join(", ", actions));
        }
        AuditFilter filter = new AuditFilter(from, to, apiKeyId, action, targetId);
        if (!CsvAnswers.wantsCsv(headers)) {
            return Response.ok(trail.list(filter, limit, cursor), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return CsvAnswers.csv("audit-events", csv -> {
            csv.row(List.of("occurred_at", "id", "api_key_id", "api_key_name", "role", "agent_id", "action",
                    "target_type", "target_id", "request_id", "client_address", "chain_position", "hash"));
            trail.stream(filter, e -> csv.row(Arrays.asList(e.occurredAt(), e.id(), e.apiKeyId(), e.apiKeyName(),
                    e.role(), e.agentId(), e.action(), e.targetType(), e.targetId(), e.requestId(), e.clientAddress(),
                    e.chainPosition(), e.hash())));
        });
    }

    @GET
    @Path("/verify")
    @Operation(operationId = "verifyAuditChain",
            summary = "Walk the hash chain and name the first event that does not match; says how far it is sealed",
            description = "As CSV: one row with the same fields, the first mismatch's in the last three columns.",
            responses = @ApiResponse(responseCode = "200", description = "The verification", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChainVerification.class)),
                    @Content(mediaType = CsvAnswers.TEXT_CSV, schema = @Schema(type = "string",
                            example = "valid,checked_events,sealed_through_position,sealed_through_event_id,sealed_at,"
                                    + "unsealed_events,head_hash,mismatch_position,mismatch_event_id,mismatch_problem\r\n"))}))
    public Response verify(@Auth Caller caller, @Context HttpHeaders headers) {
        ChainVerification verification = chain.verify();
        return CsvAnswers.answer(headers, verification, "audit-verification", csv -> {
            csv.row(List.of("valid", "checked_events", "sealed_through_position", "sealed_through_event_id", "sealed_at",
                    "unsealed_events", "head_hash", "mismatch_position", "mismatch_event_id", "mismatch_problem"));
            ChainVerification.Mismatch mismatch = verification.firstMismatch();
            csv.row(Arrays.asList(verification.valid(), verification.checkedEvents(),
                    verification.sealedThroughPosition(), verification.sealedThroughEventId(), verification.sealedAt(),
                    verification.unsealedEvents(), verification.headHash(), mismatch == null ? null : mismatch.position(),
                    mismatch == null ? null : mismatch.eventId(), mismatch == null ? null : mismatch.problem()));
        });
    }

    /** The OpenAPI shape of a page of the trail (the JSON is a {@link com.amends.platform.Page} of events). */
    @Schema(name = "PageAuditEvent")
    public record AuditEventPage(List<AuditEventView> data,
                                 @JsonInclude(JsonInclude.Include.ALWAYS)
                                 @Schema(description = "Pass as cursor to get the next page; null on the last page",
                                         nullable = true) String nextCursor) {}
}
