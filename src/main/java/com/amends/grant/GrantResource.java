package com.amends.grant;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.customer.Customers;
import com.amends.platform.ErrorCode;
import com.amends.platform.Page;
import com.amends.platform.PageLimit;
import com.amends.platform.idempotency.Idempotency;
import com.amends.platform.idempotency.Outcome;
import com.amends.platform.openapi.Refusals;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
    private final Grants grants;
    private final Idempotency idempotency;

    public GrantResource(Grants grants, Idempotency idempotency) {
        this.grants = grants;
        this.idempotency = idempotency;
    }

    @POST
    @RolesAllowed({Role.AGENT_NAME, Role.SUPERVISOR_NAME})
    @Operation(operationId = "createGrant", summary = "Give a customer points or a voucher for a case",
            responses = @ApiResponse(responseCode = "201", description = "The grant, with the voucher code for a voucher",
                    content = @Content(schema = @Schema(implementation = GrantView.class))))
    @Refusals({ErrorCode.REASON_CODE_UNKNOWN, ErrorCode.REASON_CODE_INACTIVE})
    public Response create(@Auth Caller caller,
                           @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey,
                           @NotNull @Valid CreateGrantRequest request) {
        return idempotency.execute(caller.keyId(), idempotencyKey, "createGrant", request,
                () -> Outcome.created(grants.create(caller, request)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.AGENT_NAME, Role.SUPERVISOR_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "getGrant", summary = "Get one grant")
    @Refusals(ErrorCode.GRANT_NOT_FOUND)
    public GrantView get(@Auth Caller caller, @PathParam("id") String id) {
        return grants.get(id);
    }

    @GET
    @RolesAllowed({Role.AGENT_NAME, Role.SUPERVISOR_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "listGrants", summary = "List grants, newest first, with optional filters")
    @Refusals(ErrorCode.INVALID_CURSOR)
    public Page<GrantView> list(
            @Auth Caller caller,
            @QueryParam("customer_id") @Pattern(regexp = Customers.ID_PATTERN, message = Customers.ID_MESSAGE)
            String customerId,
            @QueryParam("status") @Parameter(schema = @Schema(allowableValues = {"pending_approval", "issued", "rejected", "revoked"}))
            String status,
            @QueryParam("agent_id") String agentId,
            @QueryParam("reason_code") String reasonCode,
            @QueryParam("from") @Parameter(description = "Created at or after (ISO-8601)") Instant from,
            @QueryParam("to") @Parameter(description = "Created before (ISO-8601)") Instant to,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(PageLimit.MAX) int limit,
            @QueryParam("cursor") String cursor) {
        GrantFilter filter = new GrantFilter(customerId, status == null ? null : GrantStatus.fromQuery(status).wire(),
                agentId, reasonCode, from, to);
        return grants.list(filter, limit, cursor);
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed(Role.SUPERVISOR_NAME)
    @Operation(operationId = "revokeGrant",
            summary = "Revoke a grant given by mistake: unspent points or voucher value leave the wallet")
    @Refusals({ErrorCode.GRANT_NOT_FOUND, ErrorCode.GRANT_NOT_REVOCABLE})
    public Response revoke(@Auth Caller caller, @PathParam("id") String id,
                           @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey,
                           @NotNull @Valid RevokeGrantRequest request) {
        return idempotency.execute(caller.keyId(), idempotencyKey, "revokeGrant", Map.of("grant_id", id, "body", request),
                () -> Outcome.ok(grants.revoke(caller, id, request)));
    }
}
