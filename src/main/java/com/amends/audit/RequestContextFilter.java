package com.amends.audit;

import com.amends.auth.Caller;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is a sensible one, else a
 * new one), answers it in the same header, and records who is calling for the audit trail.
 * Runs after authentication, so the caller is known.
 */
@Priority(Priorities.AUTHENTICATION + 10)
public final class RequestContextFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SENSIBLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String PROPERTY = RequestContextFilter.class.getName();

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String requestId = given != null && SENSIBLE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setProperty(PROPERTY, requestId);
        Caller caller = request.getSecurityContext() != null
                && request.getSecurityContext().getUserPrincipal() instanceof Caller c ? c : null;
        RequestContext.set(new RequestContext(
                caller == null ? null : caller.keyId(),
                caller == null ? null : caller.keyName(),
                caller == null ? null : caller.role().wire(),
                requestId,
                servletRequest == null ? null : servletRequest.getRemoteAddr()));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object requestId = request.getProperty(PROPERTY);
        if (requestId != null) {
            response.getHeaders().putSingle(HEADER, requestId);
        }
        RequestContext.clear();
    }
}
