package com.amends.platform.openapi;

import com.amends.auth.Caller;
import io.swagger.v3.jaxrs2.DefaultParameterExtension;

/** The authenticated caller is injected by the auth filter, not sent by the client. */
final class CallerParameterExtension extends DefaultParameterExtension {
    @Override
    protected boolean shouldIgnoreClass(Class<?> cls) {
        return Caller.class.equals(cls) || super.shouldIgnoreClass(cls);
    }
}
