package com.amends.redemption;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.platform.ErrorCode;
import com.amends.platform.command.Change;
import com.amends.platform.command.Commands;
import com.amends.platform.idempotency.Idempotency;
import com.amends.platform.idempotency.Outcome;
import com.amends.platform.openapi.Refusals;
import com.amends.voucher.VoucherCodes;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

@Path("/v1/vouchers/{code}/redemptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Redemptions")
public final class VoucherRedemptionResource {
    private final Redemptions redemptions;
    private final Commands commands;

    public VoucherRedemptionResource(Redemptions redemptions, Commands commands) {
        this.redemptions = redemptions;
        this.commands = commands;
    }

    @POST
    @RolesAllowed(Role.STOREFRONT_NAME)
    @Operation(operationId = "redeemVoucher",
            summary = "Spend a voucher on an order: part of an amount voucher, or a percent voucher once",
            responses = @ApiResponse(responseCode = "201", description = "The redemption, with the amount spent",
                    content = @Content(schema = @Schema(implementation = RedemptionView.class))))
    @Refusals({ErrorCode.VOUCHER_CODE_MISTYPED, ErrorCode.VOUCHER_NOT_FOUND, ErrorCode.VOUCHER_EXPIRED,
            ErrorCode.VOUCHER_REVOKED, ErrorCode.VOUCHER_USED_UP, ErrorCode.VOUCHER_ON_HOLD,
            ErrorCode.INSUFFICIENT_BALANCE, ErrorCode.CURRENCY_MISMATCH, ErrorCode.TOO_MANY_FAILED_LOOKUPS})
    public Response redeemVoucher(@Auth Caller caller,
                                  @PathParam("code") @Size(max = VoucherCodes.MAX_TYPED_LENGTH) @Parameter(description = "As typed: case, spaces and hyphens do not matter")
                                  String code,
                                  @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey,
                                  @NotNull @Valid VoucherRedemptionRequest request) {
        return commands.runOnce(caller.keyId(), idempotencyKey,
                Change.of("redeemVoucher", "redemption").request(Map.of("code", code, "body", request)),
                tx -> Outcome.created(redemptions.redeemVoucher(tx, caller, code, request)));
    }
}
