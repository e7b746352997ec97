package com.amends.grant;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.customer.Customers;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Page;
import com.amends.platform.PageLimit;
import com.amends.platform.ParamConverters;
import com.amends.platform.command.Change;
import com.amends.platform.command.Commands;
import com.amends.platform.idempotency.Idempotency;
import com.amends.platform.idempotency.Outcome;
import com.amends.platform.openapi.Refusals;
import com.amends.policy.Allowance;
import com.amends.reason.ReasonCodes;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;

@Path("/v1/grants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Grants")
public final class GrantResource {
    private static final String POINTS_EXAMPLE = """
            {"customer_id": "shop-cust-42", "agent_id": "agent-7", "reason_code": "SHIPPING_DELAY",
             "case_ref": "ZD-1234", "channel": "email", "note": "parcel 3 days late", "points": 500}""";
    private static final String AMOUNT_EXAMPLE = """
            {"customer_id": "shop-cust-42", "agent_id": "agent-7", "reason_code": "DAMAGED_ITEM",
             "case_ref": "ZD-1240", "channel": "phone",
             "voucher": {"type": "amount", "value": {"amount": 1000, "currency": "EUR"}}}""";
    private static final String PERCENT_EXAMPLE = """
            {"customer_id": "shop-cust-42", "agent_id": "agent-7", "reason_code": "WRONG_ITEM",
             "case_ref": "ZD-1251", "channel": "chat",
             "voucher": {"type": "percent", "percent_off": 15, "max_discount": {"amount": 2000, "currency": "EUR"}}}""";
    private final Grants grants;
    private final Commands commands;

    public GrantResource(Grants grants, Commands commands) {
        this.grants = grants;
        this.commands = commands;
    }

    @POST
    @RolesAllowed({Role.AGENT_NAME, Role.SUPERVISOR_NAME})
    @Operation(operationId = "createGrant", summary = "Give a customer points or a voucher for a case",
            responses = @ApiResponse(responseCode = "201", description = "The grant, with the voucher code for a voucher",
                    content = @Content(schema = @Schema(implementation = GrantView.class))))
    @Refusals({ErrorCode.REASON_CODE_UNKNOWN, ErrorCode.REASON_CODE_INACTIVE, ErrorCode.ALREADY_COMPENSATED,
            ErrorCode.BUDGET_EXHAUSTED})
    public Response create(@Auth Caller caller,
                           @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey,
                           @NotNull @Valid @RequestBody(required = true, content = @Content(examples = {
                                   @ExampleObject(name = "points", summary = "500 points for a late parcel", value = POINTS_EXAMPLE),
                                   @ExampleObject(name = "amount_voucher", summary = "A 10.00 EUR voucher", value = AMOUNT_EXAMPLE),
                                   @ExampleObject(name = "percent_voucher", summary = "15 % off, at most 20.00 EUR",
                                           value = PERCENT_EXAMPLE)}))
                           CreateGrantRequest request) {
        return commands.runOnce(caller.keyId(), idempotencyKey, Change.of("createGrant", "grant").request(request),
                tx -> Outcome.created(grants.create(tx, caller, request)));
    }

    @GET
    @Path("/allowance")
    @RolesAllowed({Role.AGENT_NAME, Role.SUPERVISOR_NAME})
    @Operation(operationId = "getAllowance",
            summary = "What this agent may offer this customer now without approval, before they click")
    @Refusals(ErrorCode.REASON_CODE_NOT_FOUND)
    public Allowance allowance(
            @Auth Caller caller,
            @QueryParam("customer_id") @NotNull @Pattern(regexp = Customers.ID_PATTERN, message = Customers.ID_MESSAGE)
            String customerId,
            @QueryParam("agent_id") @NotNull @Pattern(regexp = Customers.AGENT_ID_PATTERN, message = Customers.ID_MESSAGE)
            String agentId,
            @QueryParam("reason_code") @NotNull @Size(max = ReasonCodes.MAX_LENGTH) String reasonCode,
            @QueryParam("case_ref") @Size(max = 100) String caseRef) {
        return grants.allowance(caller, customerId, agentId.strip(), reasonCode, caseRef);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Role.SUPERVISOR_NAME)
    @Operation(operationId = "approveGrant", summary = "Issue a grant that waits for approval",
            responses = @ApiResponse(responseCode = "200", description = "The issued grant",
                    content = @Content(schema = @Schema(implementation = GrantView.class))))
    @Refusals({ErrorCode.GRANT_NOT_FOUND, ErrorCode.GRANT_NOT_PENDING, ErrorCode.SELF_APPROVAL,
            ErrorCode.BUDGET_EXHAUSTED})
    public Response approve(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
                            @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey,
                            @NotNull @Valid DecisionRequest request) {
        return commands.runOnce(caller.keyId(), idempotencyKey,
                Change.of("approveGrant", "grant").request(Map.of("grant_id", id, "body", request)),
                tx -> grants.get(id), tx -> Outcome.ok(grants.approve(tx, caller, id, request)));
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Role.SUPERVISOR_NAME)
    @Operation(operationId = "rejectGrant", summary = "Refuse a grant that waits for approval; the note says why",
            responses = @ApiResponse(responseCode = "200", description = "The rejected grant",
                    content = @Content(schema = @Schema(implementation = GrantView.class))))
    @Refusals({ErrorCode.GRANT_NOT_FOUND, ErrorCode.GRANT_NOT_PENDING, ErrorCode.SELF_APPROVAL})
    public Response reject(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
                           @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey,
                           @NotNull @Valid DecisionRequest request) {
        return commands.runOnce(caller.keyId(), idempotencyKey,
                Change.of("rejectGrant", "grant").request(Map.of("grant_id", id, "body", request)),
                tx -> grants.get(id), tx -> Outcome.ok(grants.reject(tx, caller, id, request)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.AGENT_NAME, Role.SUPERVISOR_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "getGrant", summary = "Get one grant")
    @Refusals(ErrorCode.GRANT_NOT_FOUND)
    public GrantView get(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id) {
        return grants.get(id);
    }

    @GET
    @RolesAllowed({Role.AGENT_NAME, Role.SUPERVISOR_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "listGrants",
            summary = "List grants, newest first, with optional filters; status=pending_approval is the approval queue, oldest first")
    @Refusals(ErrorCode.INVALID_CURSOR)
    public Page<GrantView> list(
            @Auth Caller caller,
            @QueryParam("customer_id") @Pattern(regexp = Customers.ID_PATTERN, message = Customers.ID_MESSAGE)
            String customerId,
            @QueryParam("status") @Parameter(schema = @Schema(allowableValues = {"pending_approval", "issued", "rejected",
                    "revoked", "expired"}))
            String status,
            @QueryParam("agent_id") @Size(max = 64) String agentId,
            @QueryParam("reason_code") @Size(max = ReasonCodes.MAX_LENGTH) String reasonCode,
            @QueryParam("campaign_id") @Size(max = Ids.MAX_LENGTH) String campaignId,
            @QueryParam("from") @Parameter(description = "Created at or after." + ParamConverters.TIME_FORMS) Instant from,
            @QueryParam("to") @Parameter(description = "Created before." + ParamConverters.END_FORMS) Instant to,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(PageLimit.MAX) int limit,
            @QueryParam("cursor") String cursor) {
        GrantFilter filter = new GrantFilter(customerId, status == null ? null : GrantStatus.fromQuery(status).wire(),
                agentId, reasonCode, campaignId, from, to);
        return grants.list(filter, limit, cursor);
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed(Role.SUPERVISOR_NAME)
    @Operation(operationId = "revokeGrant",
            summary = "Revoke a grant given by mistake: unspent points or voucher value leave the wallet",
            responses = @ApiResponse(responseCode = "200", description = "The revoked grant, saying what was taken back",
                    content = @Content(schema = @Schema(implementation = GrantView.class))))
    @Refusals({ErrorCode.GRANT_NOT_FOUND, ErrorCode.GRANT_NOT_REVOCABLE})
    public Response revoke(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
                           @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey,
                           @NotNull @Valid RevokeGrantRequest request) {
        return commands.runOnce(caller.keyId(), idempotencyKey,
                Change.of("revokeGrant", "grant").request(Map.of("grant_id", id, "body", request)),
                tx -> grants.get(id), tx -> Outcome.ok(grants.revoke(tx, caller, id, request)));
    }
}
