package com.amends.platform.openapi;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Serves the document built at start-up; it needs no key, so integrators can fetch it first. */
@Path("/")
@Hidden
public final class OpenApiResource {
    private final String json;
    private final String yaml;

    public OpenApiResource(String json, String yaml) {
        this.json = json;
        this.yaml = yaml;
    }

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public String json() {
        return json;
    }

    @GET
    @Path("openapi.yaml")
    @Produces({"application/yaml", "text/yaml", MediaType.TEXT_PLAIN})
    public String yaml() {
        return yaml;
    }
}
