package com.amends.event;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.customer.Customers;
import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Page;
import com.amends.platform.PageLimit;
import com.amends.platform.ParamConverters;
import com.amends.platform.openapi.Refusals;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The events feed. Finance reads what happened but spends nothing, so it sees voucher codes
 * masked; an admin sees them whole, as the webhook endpoints they register receive them.
 */
@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
@RolesAllowed({Role.ADMIN_NAME, Role.FINANCE_NAME})
public final class EventResource {
    private final Events events;

    public EventResource(Events events) {
        this.events = events;
    }

    @GET
    @Operation(operationId = "listEvents",
            summary = "What happened, oldest first; follow the feed by asking again with next_cursor, which is "
                    + "given whenever a page has events (an empty page means nothing new yet)")
    @Refusals({ErrorCode.INVALID_CURSOR, ErrorCode.INVALID_PARAMETER})
    public Page<EventView> list(
            @Auth Caller caller,
            @QueryParam("type") @Size(max = 1000)
            @Parameter(description = "One or more event types, comma-separated, e.g. grant.issued,voucher.redeemed")
            String type,
            @QueryParam("customer_id") @Pattern(regexp = Customers.ID_PATTERN, message = Customers.ID_MESSAGE)
            String customerId,
            @QueryParam("from") @Parameter(description = "Created at or after." + ParamConverters.TIME_FORMS) Instant from,
            @QueryParam("to") @Parameter(description = "Created before." + ParamConverters.END_FORMS) Instant to,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(PageLimit.MAX) int limit,
            @QueryParam("cursor") @Parameter(description = "next_cursor of the previous page") String cursor) {
        return events.list(types(type), customerId, from, to, limit, cursor, caller.role() == Role.FINANCE);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getEvent", summary = "One event")
    @Refusals(ErrorCode.EVENT_NOT_FOUND)
    public EventView get(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id) {
        return events.get(id, caller.role() == Role.FINANCE);
    }

    private static List<EventType> types(String value) {
        if (value == null) {
            return List.of();
        }
        List<EventType> types = new ArrayList<>();
        for (String name : Arrays.stream(value.split(",")).map(String::strip).toList()) {
            types.add(EventType.fromWire(name).orElseThrow(() -> ApiException.field(ErrorCode.INVALID_PARAMETER, "type",
                    "has an unknown event type " + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
                            + "; known: " + EventType.catalogue())));
        }
        return types.stream().distinct().toList();
    }
}
