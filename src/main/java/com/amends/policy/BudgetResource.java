package com.amends.policy;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.platform.ErrorCode;
import com.amends.platform.command.Change;
import com.amends.platform.command.Commands;
import com.amends.platform.openapi.Refusals;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

@Path("/v1/budgets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Policies")
public final class BudgetResource {
    private final PolicySettings policies;
    private final Clock clock;
    private final Commands commands;

    public BudgetResource(PolicySettings policies, Clock clock, Commands commands) {
        this.policies = policies;
        this.commands = commands;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "listBudgets", summary = "Budgets with what is committed (issued and pending) and what remains")
    public List<BudgetView> list(
            @Auth Caller caller,
            @QueryParam("month") @Size(max = 7) @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be a month such as 2026-11")
            @Parameter(description = "Defaults to this month (UTC)") String month) {
        return policies.budgets(month == null ? YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)) : YearMonth.parse(month));
    }

    @PUT
    @Path("/{scope}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(operationId = "setBudget", summary = "Set the monthly budget overall or for a reason category")
    @Refusals(ErrorCode.CURRENCY_MISMATCH)
    public BudgetView set(@Auth Caller caller,
                          @PathParam("scope") @Pattern(regexp = "[a-z0-9_]{1,40}", message = "must be overall or a category")
                          @Parameter(description = "overall, or a reason category") String scope,
                          @NotNull @Valid BudgetRequest request) {
        return commands.run(Change.of("setBudget", "budget").target(scope).request(request),
                tx -> budget(scope), tx -> policies.setBudget(tx, scope, request));
    }

    @DELETE
    @Path("/{scope}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(operationId = "deleteBudget", summary = "Drop a budget; answers it as it was, like every DELETE")
    @Refusals(ErrorCode.POLICY_NOT_FOUND)
    public BudgetView delete(@Auth Caller caller,
                             @PathParam("scope") @Pattern(regexp = "[a-z0-9_]{1,40}", message = "must be overall or a category")
                             String scope) {
        return commands.run(Change.of("deleteBudget", "budget").target(scope).removal(), tx -> budget(scope),
                tx -> policies.deleteBudget(tx, scope));
    }

    private BudgetView budget(String scope) {
        return policies.budgets(YearMonth.from(clock.instant().atZone(ZoneOffset.UTC))).stream()
                .filter(b -> b.scope().equals(scope)).findFirst().orElse(null);
    }
}
