package com.amends.platform.ratelimit;

import java.security.Principal;
import java.util.Optional;

/** Tells the rate limit whose bucket a request is counted in; the wiring that knows callers answers it. */
@FunctionalInterface
public interface Quotas {
    /**
     * @param caller    who made the request, as authentication named them
     * @param expensive the operation is an {@link ExpensiveRead}
     * @return the quota, or empty when such a request is not limited
     */
    Optional<Quota> of(Principal caller, boolean expensive);
}
