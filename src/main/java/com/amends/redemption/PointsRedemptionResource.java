package com.amends.redemption;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.customer.Customers;
import com.amends.platform.ErrorCode;
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
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

@Path("/v1/customers/{customer_id}/points/redemptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Redemptions")
public final class PointsRedemptionResource {
    private final Redemptions redemptions;
    private final Commands commands;

    public PointsRedemptionResource(Redemptions redemptions, Commands commands) {
        this.redemptions = redemptions;
        this.commands = commands;
    }

    @POST
    @RolesAllowed(Role.STOREFRONT_NAME)
    @Operation(operationId = "redeemPoints",
            summary = "Spend a customer's points on an order, from the lots that expire soonest",
            responses = @ApiResponse(responseCode = "201", description = "The redemption, with the lots used",
                    content = @Content(schema = @Schema(implementation = RedemptionView.class))))
    @Refusals({ErrorCode.CUSTOMER_NOT_FOUND, ErrorCode.INSUFFICIENT_POINTS, ErrorCode.CURRENCY_NOT_SUPPORTED})
    public Response redeemPoints(@Auth Caller caller,
                                 @PathParam("customer_id") @Pattern(regexp = Customers.ID_PATTERN, message = Customers.ID_MESSAGE)
                                 String customerId,
                                 @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey,
                                 @NotNull @Valid PointsRedemptionRequest request) {
        return commands.runOnce(caller.keyId(), idempotencyKey,
                Change.of("redeemPoints", "redemption").request(Map.of("customer_id", customerId, "body", request)),
                tx -> Outcome.created(redemptions.redeemPoints(tx, caller, customerId, request)));
    }
}
