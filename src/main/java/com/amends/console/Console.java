package com.amends.console;

import io.dropwizard.core.setup.Environment;

/**
 * The web console: static pages under /console/ on the API port that call the public API like
 * any integration does, signed in with an API key. It knows no domain; its files are in
 * src/main/resources/console.
 */
public final class Console {
    public static final String PATH = "/console";

    private Console() {}

    public static void serve(Environment environment, ConsoleSettings settings) {
        environment.servlets().addServlet("console", new ConsoleServlet(settings.getSidebarFrameAncestors()))
                .addMapping(PATH + "/*");
    }
}
