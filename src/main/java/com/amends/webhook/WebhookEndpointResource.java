package com.amends.webhook;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Page;
import com.amends.platform.PageLimit;
import com.amends.platform.ParamConverters;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

@Path("/v1/webhook-endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@RolesAllowed(Role.ADMIN_NAME)
public final class WebhookEndpointResource {
    private static final String TARGET = "webhook_endpoint";

    private final WebhookEndpoints endpoints;
    private final Resends resends;
    private final Commands commands;

    public WebhookEndpointResource(WebhookEndpoints endpoints, Resends resends, Commands commands) {
        this.endpoints = endpoints;
        this.resends = resends;
        this.commands = commands;
    }

    @POST
    @Operation(operationId = "createWebhookEndpoint",
            summary = "Register an endpoint for events; its signing secret is shown only in this answer",
            responses = @ApiResponse(responseCode = "201", description = "Created",
                    content = @Content(schema = @Schema(implementation = EndpointView.class))))
    @Refusals(ErrorCode.VALIDATION_FAILED)
    public Response create(@Auth Caller caller, @NotNull @Valid CreateEndpointRequest request) {
        EndpointView created = commands.run(Change.of("createWebhookEndpoint", TARGET).request(request),
                tx -> endpoints.create(tx, request));
        endpoints.changed();
        return Response.status(201).entity(created).build();
    }

    @GET
    @Operation(operationId = "listWebhookEndpoints", summary = "List webhook endpoints, newest first (secrets are never shown)")
    @Refusals(ErrorCode.INVALID_CURSOR)
    public Page<EndpointView> list(
            @Auth Caller caller,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(PageLimit.MAX) int limit,
            @QueryParam("cursor") @Parameter(description = "next_cursor of the previous page") String cursor) {
        return endpoints.list(limit, cursor);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhookEndpoint", summary = "Get one webhook endpoint (its secret is never shown)")
    @Refusals(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND)
    public EndpointView get(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id) {
        return endpoints.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updateWebhookEndpoint",
            summary = "Change an endpoint; enabled=true turns a disabled one on again and forgets its failures")
    @Refusals({ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, ErrorCode.VALIDATION_FAILED})
    public EndpointView update(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
                               @NotNull @Valid UpdateEndpointRequest request) {
        EndpointView updated = commands.run(Change.of("updateWebhookEndpoint", TARGET).target(id).request(request),
                tx -> endpoints.get(id), tx -> endpoints.update(tx, id, request));
        endpoints.changed();
        return updated;
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete an endpoint with its deliveries; nothing more is sent to it")
    @Refusals(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND)
    public EndpointView delete(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id) {
        EndpointView deleted = commands.run(Change.of("deleteWebhookEndpoint", TARGET).target(id).removal(),
                tx -> endpoints.get(id), tx -> endpoints.delete(tx, id));
        endpoints.changed();
        return deleted;
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookEndpointSecret",
            summary = "Make a new signing secret, shown only in this answer; the previous one also signs for the overlap")
    @Refusals(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND)
    public EndpointView rotateSecret(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id) {
        EndpointView rotated = commands.run(Change.of("rotateWebhookEndpointSecret", TARGET).target(id),
                tx -> endpoints.rotateSecret(tx, id));
        endpoints.changed();
        return rotated;
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "List an endpoint's deliveries, newest first")
    @Refusals({ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, ErrorCode.INVALID_CURSOR, ErrorCode.INVALID_PARAMETER})
    public Page<DeliveryView> deliveries(
            @Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
            @QueryParam("status") @Parameter(description = "Only pending, delivered or failed ones",
                    schema = @Schema(allowableValues = {"pending", "delivered", "failed"})) String status,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(PageLimit.MAX) int limit,
            @QueryParam("cursor") @Parameter(description = "next_cursor of the previous page") String cursor) {
        return resends.deliveries(id, status, limit, cursor);
    }

    @POST
    @Path("/{id}/recover")
    @Operation(operationId = "recoverWebhookDeliveries",
            summary = "Queue again the endpoint's failed deliveries of events since a time, each on a fresh schedule, "
                    + "and the events it wants that were written while it was disabled")
    @Refusals({ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, ErrorCode.INVALID_PARAMETER})
    public QueuedView recover(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
                              @QueryParam("since") @Parameter(required = true, description = "Events at or after." + ParamConverters.TIME_FORMS)
                              Instant since) {
        if (since == null) {
            throw ApiException.field(ErrorCode.INVALID_PARAMETER, "since", "is required");
        }
        return commands.run(Change.of("recoverWebhookDeliveries", TARGET).target(id).request(since.toString()),
                tx -> resends.recover(tx, id, since));
    }

    @POST
    @Path("/{id}/ping")
    @Operation(operationId = "pingWebhookEndpoint",
            summary = "Send a signed webhook.ping message now and tell what the endpoint answered")
    @Refusals(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND)
    public PingView ping(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id) {
        return resends.ping(id);
    }
}
