package com.amends.auth;

import com.amends.platform.ErrorCode;
import com.amends.platform.Problem;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/** Wires bearer API keys into Jersey: 401 without a valid key, 403 for the wrong role. */
public final class ApiKeyAuth {
    private ApiKeyAuth() {}

    public static void register(io.dropwizard.jersey.setup.JerseyEnvironment jersey, ApiKeyService keys) {
        jersey.register(new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<Caller>()
                .setAuthenticator(keys::authenticate)
                .setAuthorizer((caller, role, request) -> caller.role().wire().equals(role))
                .setPrefix("Bearer")
                .setRealm("amends")
                .setUnauthorizedHandler(new UnauthorizedHandler() {
                    @Override
                    public Response buildResponse(String prefix, String realm) {
                        return Response.status(401)
                                .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
                                .type(Problem.MEDIA_TYPE)
                                .entity(new Problem(ErrorCode.UNAUTHORIZED,
                                        "Send Authorization: Bearer <api key> with a key that exists and is not revoked",
                                        null, Map.of()))
                                .build();
                    }
                })
                .buildAuthFilter()));
        jersey.register(RolesAllowedDynamicFeature.class);
        jersey.register(new AuthValueFactoryProvider.Binder<>(Caller.class));
    }
}
