package com.amends.voucher;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Money;
import com.amends.platform.openapi.Refusals;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/vouchers/{code}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Vouchers")
public final class VoucherResource {
    private final Vouchers vouchers;

    public VoucherResource(Vouchers vouchers) {
        this.vouchers = vouchers;
    }

    @GET
    @RolesAllowed({Role.STOREFRONT_NAME, Role.AGENT_NAME, Role.SUPERVISOR_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "validateVoucher",
            summary = "Check a voucher code: usable or not, what is left, and the discount on an order total")
    @Refusals({ErrorCode.VOUCHER_CODE_MISTYPED, ErrorCode.VOUCHER_NOT_FOUND, ErrorCode.TOO_MANY_FAILED_LOOKUPS,
            ErrorCode.CURRENCY_MISMATCH})
    public VoucherCheck validate(
            @Auth Caller caller,
            @PathParam("code") @Size(max = VoucherCodes.MAX_TYPED_LENGTH) @Parameter(description = "As typed: case, spaces and hyphens do not matter") String code,
            @QueryParam("order_total") @Min(1) @Max(Money.MAX_AMOUNT) @Parameter(description = "Order total in minor units") Long orderTotal,
            @QueryParam("currency") @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
            @Parameter(description = "The order's currency; required with order_total") String currency) {
        if ((orderTotal == null) != (currency == null)) {
            throw ApiException.invalid(orderTotal == null ? "order_total" : "currency", "goes with order_total and currency both");
        }
        return vouchers.check(caller.keyId(), code, orderTotal == null ? null : new Money(orderTotal, currency));
    }
}
