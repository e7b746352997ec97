package com.amends.hold;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.command.Change;
import com.amends.platform.command.Commands;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

@Path("/v1/holds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Holds")
public final class HoldResource {
    private final Holds holds;
    private final Commands commands;

    public HoldResource(Holds holds, Commands commands) {
        this.holds = holds;
        this.commands = commands;
    }

    @POST
    @RolesAllowed(Role.STOREFRONT_NAME)
    @Operation(operationId = "createHold", summary = "Reserve points or voucher value for an order in checkout",
            responses = @ApiResponse(responseCode = "201", description = "The hold",
                    content = @Content(schema = @Schema(implementation = HoldView.class))))
    @Refusals({ErrorCode.CUSTOMER_NOT_FOUND, ErrorCode.INSUFFICIENT_POINTS, ErrorCode.INSUFFICIENT_BALANCE,
            ErrorCode.VOUCHER_CODE_MISTYPED, ErrorCode.VOUCHER_NOT_FOUND, ErrorCode.VOUCHER_EXPIRED,
            ErrorCode.VOUCHER_REVOKED, ErrorCode.VOUCHER_USED_UP, ErrorCode.VOUCHER_ON_HOLD, ErrorCode.CURRENCY_MISMATCH,
            ErrorCode.TOO_MANY_FAILED_LOOKUPS})
    public Response create(@Auth Caller caller,
                           @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey,
                           @NotNull @Valid CreateHoldRequest request) {
        return commands.runOnce(caller.keyId(), idempotencyKey, Change.of("createHold", "hold").request(request),
                tx -> Outcome.created(holds.create(tx, caller, request)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.STOREFRONT_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "getHold", summary = "A hold and what became of it")
    @Refusals(ErrorCode.HOLD_NOT_FOUND)
    public HoldView get(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id) {
        return holds.get(id);
    }

    @POST
    @Path("/{id}/capture")
    @RolesAllowed(Role.STOREFRONT_NAME)
    @Operation(operationId = "captureHold", summary = "Spend up to what a hold holds; the rest goes back",
            description = "With no body, or {}, captures all that is held.",
            responses = @ApiResponse(responseCode = "200", description = "The captured hold, naming its redemption",
                    content = @Content(schema = @Schema(implementation = HoldView.class))))
    @Refusals({ErrorCode.HOLD_NOT_FOUND, ErrorCode.HOLD_NOT_ACTIVE, ErrorCode.CAPTURE_EXCEEDS_HOLD,
            ErrorCode.CURRENCY_MISMATCH, ErrorCode.VOUCHER_REVOKED})
    public Response capture(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
                            @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey,
                            @Valid CaptureRequest request) {
        CaptureRequest asked = request == null ? CaptureRequest.ALL : request;
        return commands.runOnce(caller.keyId(), idempotencyKey,
                Change.of("captureHold", "hold").request(Map.of("id", id, "body", asked)),
                tx -> holds.get(id), tx -> Outcome.ok(holds.capture(tx, caller, id, asked)));
    }

    @POST
    @Path("/{id}/release")
    @RolesAllowed(Role.STOREFRONT_NAME)
    @Operation(operationId = "releaseHold", summary = "Give everything a hold holds back",
            responses = @ApiResponse(responseCode = "200", description = "The released hold",
                    content = @Content(schema = @Schema(implementation = HoldView.class))))
    @Refusals({ErrorCode.HOLD_NOT_FOUND, ErrorCode.HOLD_NOT_ACTIVE})
    public Response release(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
                            @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey) {
        return commands.runOnce(caller.keyId(), idempotencyKey,
                Change.of("releaseHold", "hold").request(Map.of("id", id)), tx -> holds.get(id), tx -> Outcome.ok(holds.release(tx, caller, id)));
    }
}
