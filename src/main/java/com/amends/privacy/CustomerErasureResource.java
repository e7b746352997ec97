package com.amends.privacy;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.customer.Customers;
import com.amends.platform.ErrorCode;
import com.amends.platform.command.Change;
import com.amends.platform.command.Commands;
import com.amends.platform.idempotency.Idempotency;
import com.amends.platform.openapi.Refusals;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

@Path("/v1/customers/{customer_id}/erase")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
@RolesAllowed(Role.ADMIN_NAME)
public final class CustomerErasureResource {
    private final Erasures erasures;
    private final Commands commands;

    public CustomerErasureResource(Erasures erasures, Commands commands) {
        this.erasures = erasures;
        this.commands = commands;
    }

    @POST
    @Operation(operationId = "eraseCustomer",
            summary = "Erase a customer on request: their id becomes a pseudonym everywhere and what was written "
                    + "about them is blanked, while every amount, journal entry and report total stays",
            description = "Open holds are released, vouchers that could still be spent are revoked (grant.revoked) "
                    + "and grants awaiting approval are rejected, each through the ledger, before the rewrite. Erasing "
                    + "an id already erased answers that erasure again; the id is unknown afterwards (a new grant to it "
                    + "starts a new customer). Ends with customer.erased, naming only the pseudonym.",
            responses = @ApiResponse(responseCode = "200", description = "The erasure, naming the pseudonym only",
                    content = @Content(schema = @Schema(implementation = ErasureView.class))))
    @Refusals(ErrorCode.CUSTOMER_NOT_FOUND)
    public Response erase(@Auth Caller caller,
                          @PathParam("customer_id") @Pattern(regexp = Customers.ID_PATTERN, message = Customers.ID_MESSAGE)
                          String customerId,
                          @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey) {
        // The request is stored by a hash of what it asked: the customer's keyed hash, never their id.
        return commands.runOnce(caller.keyId(), idempotencyKey,
                Change.of("eraseCustomer", "customer").request(Map.of("customer", erasures.subject(customerId))),
                tx -> erasures.erase(tx, caller, customerId));
    }
}
