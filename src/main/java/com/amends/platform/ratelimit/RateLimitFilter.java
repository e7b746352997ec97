package com.amends.platform.ratelimit;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts each authenticated request in its caller's bucket and refuses it with 429
 * {@code rate_limited} (and {@code Retry-After}) when the bucket is empty. It runs right after
 * authentication, before the role check and before anything reads the body or opens a
 * transaction, so a refused request has no effect. Every answer to a counted request carries
 * the bucket's state in the {@code RateLimit-*} headers of the IETF draft.
 */
@Priority(Priorities.AUTHENTICATION + 20)
public final class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";
    private static final String PROPERTY = RateLimitFilter.class.getName();

    private final RateLimiter limiter;
    private final Quotas quotas;

    @Context
    private ResourceInfo resource;

    public RateLimitFilter(RateLimiter limiter, Quotas quotas) {
        this.limiter = limiter;
        this.quotas = quotas;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Principal caller = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        if (caller == null) {
            return;
        }
        Optional<Quota> quota = quotas.of(caller, expensive());
        if (quota.isEmpty()) {
            return;
        }
        RateLimiter.Decision decision = limiter.take(quota.get());
        request.setProperty(PROPERTY, decision);
        if (!decision.allowed()) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "This API key sent more than its limit of "
                    + quota.get().rate().perSecond() + " requests a second (bursts of " + quota.get().rate().burst()
                    + ")" + (expensive() ? " for reports, exports and the audit trail" : "") + "; retry in "
                    + decision.retryAfter() + " s", List.of(), Map.of("retry_after_seconds", decision.retryAfter()));
        }
    }

    private boolean expensive() {
        Method method = resource == null ? null : resource.getResourceMethod();
        return method != null && (method.isAnnotationPresent(ExpensiveRead.class)
                || method.getDeclaringClass().isAnnotationPresent(ExpensiveRead.class));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(PROPERTY) instanceof RateLimiter.Decision decision) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle(LIMIT, decision.limit());
            headers.putSingle(REMAINING, decision.remaining());
            headers.putSingle(RESET, decision.resetSeconds());
        }
    }
}
