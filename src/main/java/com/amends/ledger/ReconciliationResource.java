package com.amends.ledger;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/reports/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
public final class ReconciliationResource {
    private final Reconciler reconciler;

    public ReconciliationResource(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @GET
    @RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
    @Operation(operationId = "reconcile", summary = "Check that the books balance and stored balances match the journal")
    public Reconciliation reconcile(@Auth Caller caller) {
        return reconciler.run();
    }
}
