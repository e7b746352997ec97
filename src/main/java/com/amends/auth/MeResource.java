package com.amends.auth;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The key a request is made with. An integration calls it to check its key and role before
 * anything else; it reads nothing but the (cached) key, which also makes it the cheapest
 * authenticated request the server answers, the HTTP ceiling of the load benchmark.
 */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API keys")
public final class MeResource {
    @GET
    @RolesAllowed({Role.STOREFRONT_NAME, Role.AGENT_NAME, Role.SUPERVISOR_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
    @Operation(operationId = "whoAmI", summary = "The API key this request is made with: its id, name and role")
    public CallerView me(@Auth Caller caller) {
        return CallerView.of(caller);
    }
}
