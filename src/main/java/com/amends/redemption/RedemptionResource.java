package com.amends.redemption;

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

/** Each checkout URL tree has a resource class of its own, so JAX-RS matching never picks the wrong class. */
@Path("/v1/redemptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Redemptions")
public final class RedemptionResource {
    private final Redemptions redemptions;
    private final Commands commands;

    public RedemptionResource(Redemptions redemptions, Commands commands) {
        this.redemptions = redemptions;
        this.commands = commands;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.STOREFRONT_NAME, Role.AGENT_NAME, Role.SUPERVISOR_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "getRedemption", summary = "A redemption with its reversals")
    @Refusals(ErrorCode.REDEMPTION_NOT_FOUND)
    public RedemptionView get(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id) {
        return redemptions.get(id);
    }

    @POST
    @Path("/{id}/reversals")
    @RolesAllowed(Role.STOREFRONT_NAME)
    @Operation(operationId = "reverseRedemption",
            summary = "Give value back after a refund, in part or whole, to the voucher or lots it came from",
            description = "With no body, or {}, reverses all that is left of the redemption.",
            responses = @ApiResponse(responseCode = "201", description = "The redemption with its reversals",
                    content = @Content(schema = @Schema(implementation = RedemptionView.class))))
    @Refusals({ErrorCode.REDEMPTION_NOT_FOUND, ErrorCode.REVERSAL_EXCEEDS_REDEEMED, ErrorCode.CURRENCY_MISMATCH})
    public Response reverse(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
                            @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey,
                            @Valid ReversalRequest request) {
        ReversalRequest asked = request == null ? ReversalRequest.ALL : request;
        return commands.runOnce(caller.keyId(), idempotencyKey,
                Change.of("reverseRedemption", "redemption").request(Map.of("id", id, "body", asked)),
                tx -> redemptions.get(id), tx -> Outcome.created(redemptions.reverse(tx, caller, id, asked)));
    }
}
