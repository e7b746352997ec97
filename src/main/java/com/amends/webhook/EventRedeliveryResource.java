package com.amends.webhook;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.command.Change;
import com.amends.platform.command.Commands;
import com.amends.platform.openapi.Refusals;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Resending one event: its own path template, as {@code /v1/events} itself is the event package's. */
@Path("/v1/events/{id}/redeliver")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@RolesAllowed(Role.ADMIN_NAME)
public final class EventRedeliveryResource {
    private final Resends resends;
    private final Commands commands;

    public EventRedeliveryResource(Resends resends, Commands commands) {
        this.resends = resends;
        this.commands = commands;
    }

    @POST
    @Operation(operationId = "redeliverEvent",
            summary = "Queue an event again to every enabled endpoint that wants it, or to the one named; "
                    + "an endpoint that has it pending gets nothing more")
    @Refusals({ErrorCode.EVENT_NOT_FOUND, ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND})
    public QueuedView redeliver(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id, @Valid RedeliverRequest request) {
        String endpointId = request == null ? null : request.endpointId();
        return commands.run(Change.of("redeliverEvent", "event").target(id).request(request),
                tx -> resends.redeliver(tx, id, endpointId));
    }
}
