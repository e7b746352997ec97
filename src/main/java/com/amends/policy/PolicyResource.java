package com.amends.policy;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.customer.Customers;
import com.amends.platform.ErrorCode;
import com.amends.platform.command.Change;
import com.amends.platform.command.Commands;
import com.amends.platform.openapi.Refusals;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Policies")
public final class PolicyResource {
    private final PolicySettings policies;
    private final Commands commands;

    public PolicyResource(PolicySettings policies, Commands commands) {
        this.policies = policies;
        this.commands = commands;
    }

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "getPolicies", summary = "Limits by role and agent, and the per-customer cap")
    public PolicyView get(@Auth Caller caller) {
        return policies.view();
    }

    @PUT
    @Path("/roles/{role}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(operationId = "setRoleLimits", summary = "Set the default limits of a role (agent or supervisor)")
    @Refusals({ErrorCode.POLICY_NOT_FOUND, ErrorCode.CURRENCY_MISMATCH})
    public PolicyView setRole(@Auth Caller caller, @PathParam("role") @Size(max = 40) String role, @NotNull @Valid Limits limits) {
        return commands.run(Change.of("setRoleLimits", "role_limits").target(role).request(limits),
                tx -> policies.view(), tx -> policies.setRoleLimits(tx, role, limits));
    }

    @PUT
    @Path("/agents/{agent_id}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(operationId = "setAgentLimits", summary = "Set one agent's own limits; they beat the role's")
    @Refusals(ErrorCode.CURRENCY_MISMATCH)
    public PolicyView setAgent(@Auth Caller caller,
                               @PathParam("agent_id") @Pattern(regexp = Customers.AGENT_ID_PATTERN, message = Customers.ID_MESSAGE)
                               String agentId,
                               @NotNull @Valid Limits limits) {
        return commands.run(Change.of("setAgentLimits", "agent_limits").target(agentId).request(limits),
                tx -> policies.view(), tx -> policies.setAgentLimits(tx, agentId, limits));
    }

    @DELETE
    @Path("/agents/{agent_id}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(operationId = "deleteAgentLimits", summary = "Drop one agent's own limits; the role's apply again")
    @Refusals(ErrorCode.POLICY_NOT_FOUND)
    public PolicyView deleteAgent(@Auth Caller caller,
                                  @PathParam("agent_id") @Pattern(regexp = Customers.AGENT_ID_PATTERN, message = Customers.ID_MESSAGE)
                                  String agentId) {
        return commands.run(Change.of("deleteAgentLimits", "agent_limits").target(agentId),
                tx -> policies.view(), tx -> policies.deleteAgentLimits(tx, agentId));
    }

    @PUT
    @Path("/customer-cap")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(operationId = "setCustomerCap", summary = "Set the goodwill one customer may receive in a rolling window")
    @Refusals(ErrorCode.CURRENCY_MISMATCH)
    public PolicyView setCap(@Auth Caller caller, @NotNull @Valid CustomerCap cap) {
        return commands.run(Change.of("setCustomerCap", "customer_cap").request(cap),
                tx -> policies.view(), tx -> policies.setCustomerCap(tx, cap));
    }

    @DELETE
    @Path("/customer-cap")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(operationId = "deleteCustomerCap", summary = "Drop the per-customer cap")
    @Refusals(ErrorCode.POLICY_NOT_FOUND)
    public PolicyView deleteCap(@Auth Caller caller) {
        return commands.run(Change.of("deleteCustomerCap", "customer_cap"),
                tx -> policies.view(), tx -> policies.deleteCustomerCap(tx));
    }
}
