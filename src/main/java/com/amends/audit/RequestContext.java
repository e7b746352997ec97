package com.amends.audit;

/**
 * Who is making the current request, for the audit event a change writes. Set by
 * {@link RequestContextFilter} on the request's thread, which is also the thread that runs the
 * change's transaction.
 */
public record RequestContext(String apiKeyId, String apiKeyName, String role, String requestId, String clientAddress) {
    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();
    static final RequestContext NONE = new RequestContext(null, null, null, null, null);

    public static RequestContext current() {
        RequestContext context = CURRENT.get();
        return context == null ? NONE : context;
    }

    static void set(RequestContext context) {
        CURRENT.set(context);
    }

    static void clear() {
        CURRENT.remove();
    }
}
