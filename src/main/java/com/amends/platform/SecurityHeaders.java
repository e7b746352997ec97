package com.amends.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Headers on every answer of the API. Nearly every answer holds something a cache must not
 * keep (a key's secret, a voucher code, a customer's wallet), and the few that do not are cheap
 * to ask again, so none is stored anywhere ({@code no-store}); and no browser may guess a type
 * other than the one sent ({@code nosniff}). The console and the API docs set their own.
 */
public final class SecurityHeaders implements ContainerResponseFilter {
    public static final String NO_STORE = "no-store";
    public static final String NOSNIFF = "nosniff";
    public static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle(HttpHeaders.CACHE_CONTROL, NO_STORE);
        headers.putSingle(CONTENT_TYPE_OPTIONS, NOSNIFF);
    }
}
