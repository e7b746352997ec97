package com.amends.audit;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Page;
import com.amends.platform.PageLimit;
import com.amends.platform.ParamConverters;
import com.amends.platform.openapi.Refusals;
import com.amends.platform.ratelimit.ExpensiveRead;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

@ExpensiveRead
@Path("/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
public final class AuditResource {
    private final AuditTrail trail;
    private final AuditChain chain;
    private final Set<String> actions;

    /** @param actions what the trail records: the operationIds of the API's changes */
    public AuditResource(AuditTrail trail, AuditChain chain, Set<String> actions) {
        this.trail = trail;
        this.chain = chain;
        this.actions = new TreeSet<>(actions);
    }

    @GET
    @Operation(operationId = "listAuditEvents", summary = "Who changed what, when, with which key; newest first")
    @Refusals(ErrorCode.INVALID_CURSOR)
    public Page<AuditEventView> list(
            @Auth Caller caller,
            @QueryParam("from") @Parameter(description = "At or after." + ParamConverters.TIME_FORMS) Instant from,
            @QueryParam("to") @Parameter(description = "Before." + ParamConverters.END_FORMS) Instant to,
            @QueryParam("api_key_id") @Size(max = Ids.MAX_LENGTH) String apiKeyId,
            @QueryParam("action") @Size(max = 64) @Parameter(description = "The operationId of a change (an operation "
                    + "other than a GET), e.g. createGrant; any other name is refused") String action,
            @QueryParam("target_id") @Size(max = 64)
            @Parameter(description = "The id of what was changed: a grant's id, a reason code, an agent id, …") String targetId,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(PageLimit.MAX) int limit,
            @QueryParam("cursor") @Parameter(description = "next_cursor of the previous page") String cursor) {
        if (action != null && !actions.contains(action)) {
            // An unknown name would match nothing, and a typo would pass for "nobody did that".
            throw ApiException.field(ErrorCode.INVALID_PARAMETER, "action",
                    "is not an action the audit trail records; they are " + String.join(", ", actions));
        }
        return trail.list(new AuditFilter(from, to, apiKeyId, action, targetId), limit, cursor);
    }

    @GET
    @Path("/verify")
    @Operation(operationId = "verifyAuditChain",
            summary = "Walk the hash chain and name the first event that does not match; says how far it is sealed")
    public ChainVerification verify(@Auth Caller caller) {
        return chain.verify();
    }
}
