package com.amends.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The shared servers that API tests run against: H2 always, PostgreSQL too when
 * AMENDS_TEST_POSTGRES_URL is set. One of each is started for the whole test run; tests keep
 * out of each other's way by using customers and cases of their own.
 */
public final class Servers {
    private static TestServer h2;
    private static TestServer postgres;

    private Servers() {}

    /** For {@code @ParameterizedClass @MethodSource("com.amends.testing.Servers#all")}. */
    public static Stream<Named<TestServer>> all() {
        List<Named<TestServer>> servers = new ArrayList<>();
        servers.add(Named.of("h2", h2()));
        if (TestDatabase.postgresConfigured()) {
            servers.add(Named.of("postgres", postgres()));
        }
        return servers.stream();
    }

    /** Servers of their own, for tests that break the books on purpose; the test closes them. */
    public static Stream<Named<TestServer>> fresh() {
        List<Named<TestServer>> servers = new ArrayList<>();
        servers.add(Named.of("h2", new TestServer(TestDatabase.h2())));
        if (TestDatabase.postgresConfigured()) {
            servers.add(Named.of("postgres", new TestServer(TestDatabase.postgres())));
        }
        return servers.stream();
    }

    public static synchronized TestServer h2() {
        if (h2 == null) {
            h2 = new TestServer(TestDatabase.h2());
        }
        return h2;
    }

    public static synchronized TestServer postgres() {
        if (postgres == null) {
            postgres = new TestServer(TestDatabase.postgres());
        }
        return postgres;
    }
}
