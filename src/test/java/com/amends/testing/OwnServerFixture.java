package com.amends.testing;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * For a class that runs on servers of its own ({@code @MethodSource("com.amends.testing.Servers#fresh")}):
 * it gets each server in turn and closes it when the class is done with it.
 */
public abstract class OwnServerFixture {
    @Parameter
    protected TestServer server;

    @AfterParameterizedClassInvocation
    static void closeServer(TestServer server) {
        server.close();
    }
}
