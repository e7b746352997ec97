package com.amends.auth;

import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Page;
import com.amends.platform.PageLimit;
import com.amends.platform.command.Change;
import com.amends.platform.command.Commands;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

@Path("/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys")
@RolesAllowed(Role.ADMIN_NAME)
public final class ApiKeyResource {
    private static final int MAX_UNUSED_DAYS = 3650;

    private final ApiKeyService keys;
    private final Commands commands;

    public ApiKeyResource(ApiKeyService keys, Commands commands) {
        this.keys = keys;
        this.commands = commands;
    }

    @POST
    @Operation(operationId = "createApiKey", summary = "Create an API key; its secret is shown only in this answer",
            description = "A key may expire (expires_at) and may have a rate limit of its own over its role's.",
            responses = @ApiResponse(responseCode = "201", description = "Created",
                    content = @Content(schema = @Schema(implementation = ApiKeyView.class))))
    public Response create(@Auth Caller caller, @NotNull @Valid CreateApiKeyRequest request) {
        return Response.status(201).entity(commands.run(Change.of("createApiKey", "api_key").request(request),
                tx -> keys.create(tx, request))).build();
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List API keys, newest first (secrets are never shown)",
            description = "Each key with its expiry, last use and roll; with unused_for_days, only the keys in force "
                    + "(neither revoked nor expired) that nobody has used for that many days, to find keys to revoke.")
    @Refusals(ErrorCode.INVALID_CURSOR)
    public Page<ApiKeyView> list(
            @Auth Caller caller,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(PageLimit.MAX) int limit,
            @QueryParam("cursor") @Parameter(description = "next_cursor of the previous page") String cursor,
            @QueryParam("unused_for_days") @Min(1) @Max(MAX_UNUSED_DAYS) @Parameter(description = "Only keys in force "
                    + "not used for at least this many days (a key never used counts from its creation)")
            Integer unusedForDays) {
        return keys.list(limit, cursor, unusedForDays == null ? null : Duration.ofDays(unusedForDays));
    }

    @POST
    @Path("/{id}/roll")
    @Operation(operationId = "rollApiKey", summary = "Make a new secret for a key, shown only in this answer; the one "
            + "before is still accepted for the overlap (24 hours unless told), then refused",
            description = "Send {} for the defaults. Rolling again during an overlap ends it: only the two latest "
                    + "secrets are ever accepted. The key keeps its id, role, limit and expiry (unless a new expires_at "
                    + "is given; a key that has expired needs one).",
            responses = @ApiResponse(responseCode = "200", description = "Rolled",
                    content = @Content(schema = @Schema(implementation = ApiKeyView.class))))
    @Refusals({ErrorCode.API_KEY_NOT_FOUND, ErrorCode.API_KEY_REVOKED})
    public ApiKeyView roll(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
                           @Valid RollApiKeyRequest request) {
        RollApiKeyRequest asked = request == null ? RollApiKeyRequest.defaults() : request;
        return commands.run(Change.of("rollApiKey", "api_key").target(id).request(asked), tx -> keys.get(id),
                tx -> keys.roll(tx, id, asked));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key; it is refused from the next request on")
    @Refusals({ErrorCode.API_KEY_NOT_FOUND, ErrorCode.API_KEY_REVOKED})
    public ApiKeyView revoke(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id) {
        return commands.run(Change.of("revokeApiKey", "api_key").target(id), tx -> keys.get(id), tx -> keys.revoke(tx, id));
    }
}
