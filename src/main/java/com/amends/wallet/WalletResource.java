package com.amends.wallet;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.customer.Customers;
import com.amends.ledger.EntryView;
import com.amends.ledger.Ledger;
import com.amends.platform.ErrorCode;
import com.amends.platform.Page;
import com.amends.platform.PageLimit;
import com.amends.platform.openapi.Refusals;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/customers/{customer_id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
@RolesAllowed({Role.AGENT_NAME, Role.SUPERVISOR_NAME, Role.FINANCE_NAME})
public final class WalletResource {
    private final Wallets wallets;
    private final Customers customers;
    private final Ledger ledger;

    public WalletResource(Wallets wallets, Customers customers, Ledger ledger) {
        this.wallets = wallets;
        this.customers = customers;
        this.ledger = ledger;
    }

    @GET
    @Operation(operationId = "getWallet",
            summary = "A customer's wallet: points, points expiring soon, open vouchers, goodwill received")
    @Refusals(ErrorCode.CUSTOMER_NOT_FOUND)
    public Wallet wallet(@Auth Caller caller,
                         @PathParam("customer_id") @Pattern(regexp = Customers.ID_PATTERN, message = Customers.ID_MESSAGE)
                         String customerId) {
        return wallets.of(customerId);
    }

    @GET
    @Path("/balance")
    @RolesAllowed({Role.STOREFRONT_NAME, Role.AGENT_NAME, Role.SUPERVISOR_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "getCustomerBalance",
            summary = "What a customer can spend at checkout now: points and their value, and the vouchers usable now",
            description = "For the shop's checkout, which may not read the wallet: nothing of the customer's history "
                    + "(grants, reasons, notes, agents). Points held for an order and held vouchers are not spendable now.")
    @Refusals(ErrorCode.CUSTOMER_NOT_FOUND)
    public Balance balance(@Auth Caller caller,
                           @PathParam("customer_id") @Pattern(regexp = Customers.ID_PATTERN, message = Customers.ID_MESSAGE)
                           String customerId) {
        return wallets.balanceOf(customerId);
    }

    @GET
    @Path("/ledger")
    @Operation(operationId = "getCustomerLedger",
            summary = "A customer's journal entries, newest first, with the balance after each posting")
    @Refusals({ErrorCode.CUSTOMER_NOT_FOUND, ErrorCode.INVALID_CURSOR})
    public Page<EntryView> ledger(@Auth Caller caller,
                                  @PathParam("customer_id") @Pattern(regexp = Customers.ID_PATTERN, message = Customers.ID_MESSAGE)
                                  String customerId,
                                  @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(PageLimit.MAX) int limit,
                                  @QueryParam("cursor") String cursor) {
        customers.require(customerId);
        return ledger.history(customerId, limit, cursor);
    }
}
