package com.amends.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.List;
import java.util.Map;

/**
 * Refuses a query parameter given twice or given without a value. Every parameter of the API
 * takes one value: picking the first (or the last) of two would let a proxy and the server read
 * different requests from the same URL, and {@code limit=} quietly read as the default hides a
 * client's bug.
 */
@Priority(Priorities.USER)
public final class StrictQueryParameters implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(false).entrySet()) {
            if (parameter.getValue().size() > 1) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER,
                        "Query parameter " + parameter.getKey() + " is given " + parameter.getValue().size()
                                + " times; send it once");
            }
            if (parameter.getValue().get(0).isEmpty()) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER,
                        "Query parameter " + parameter.getKey() + " has no value; give one or leave the parameter out");
            }
        }
    }
}
