package com.amends.reason;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.platform.ErrorCode;
import com.amends.platform.Page;
import com.amends.platform.PageLimit;
import com.amends.platform.command.Change;
import com.amends.platform.command.Commands;
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
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/reason-codes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reason codes")
public final class ReasonCodeResource {
    private final ReasonCodes reasons;
    private final Commands commands;

    public ReasonCodeResource(ReasonCodes reasons, Commands commands) {
        this.reasons = reasons;
        this.commands = commands;
    }

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.STOREFRONT_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "listReasonCodes", summary = "List reason codes in code order")
    @Refusals(ErrorCode.INVALID_CURSOR)
    public Page<ReasonCode> list(
            @Auth Caller caller,
            @QueryParam("active") @Parameter(description = "Only active (true) or retired (false) codes") Boolean active,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(PageLimit.MAX) int limit,
            @QueryParam("cursor") String cursor) {
        return reasons.list(active, limit, cursor);
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.STOREFRONT_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "getReasonCode", summary = "Get one reason code")
    @Refusals(ErrorCode.REASON_CODE_NOT_FOUND)
    public ReasonCode get(@Auth Caller caller, @PathParam("code") @Size(max = ReasonCodes.MAX_LENGTH) String code) {
        return reasons.get(code);
    }

    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(operationId = "createReasonCode", summary = "Add a reason code to the catalogue",
            responses = @ApiResponse(responseCode = "201", description = "Created",
                    content = @Content(schema = @Schema(implementation = ReasonCode.class))))
    @Refusals(ErrorCode.REASON_CODE_EXISTS)
    public Response create(@Auth Caller caller, @NotNull @Valid CreateReasonCodeRequest request) {
        return Response.status(201).entity(commands.run(
                Change.of("createReasonCode", "reason_code").target(request.code()).request(request),
                tx -> reasons.create(tx, request))).build();
    }

    @PATCH
    @Path("/{code}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(operationId = "updateReasonCode", summary = "Change a reason code; active=false retires it")
    @Refusals(ErrorCode.REASON_CODE_NOT_FOUND)
    public ReasonCode update(@Auth Caller caller, @PathParam("code") @Size(max = ReasonCodes.MAX_LENGTH) String code,
                             @NotNull @Valid UpdateReasonCodeRequest request) {
        return commands.run(Change.of("updateReasonCode", "reason_code").target(code).request(request),
                tx -> reasons.get(code), tx -> reasons.update(tx, code, request));
    }
}
