package com.amends.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The servers that API tests run against: H2 always, PostgreSQL too when
 * AMENDS_TEST_POSTGRES_URL is set. Of the shared ones ({@link #all}) one of each is started for the
 * whole test run; tests keep out of each other's way by using customers and cases of their own,
 * and their clock refuses to move. A test that moves the clock, or changes what is global
 * (limits, budgets, the books), runs on servers of its own ({@link #fresh}).
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

    /** Servers of their own, whose clock the test may move; the test closes them (see OwnServerFixture). */
    public static Stream<Named<TestServer>> fresh() {
        List<Named<TestServer>> servers = new ArrayList<>();
        servers.add(Named.of("h2", new TestServer(TestDatabase.h2())));
        if (TestDatabase.postgresConfigured()) {
            servers.add(Named.of("postgres", new TestServer(TestDatabase.postgres())));
        }
        return servers.stream();
    }

    /** The databases a test starts its own servers on (several, or with settings of their own). */
    public static Stream<Named<Supplier<TestDatabase>>> databases() {
        List<Named<Supplier<TestDatabase>>> all = new ArrayList<>();
        all.add(Named.of("h2", TestDatabase::h2));
        if (TestDatabase.postgresConfigured()) {
            all.add(Named.of("postgres", TestDatabase::postgres));
        }
        return all.stream();
    }

    public static synchronized TestServer h2() {
        if (h2 == null) {
            h2 = new TestServer(TestDatabase.h2());
            h2.clock().share();
        }
        return h2;
    }

    public static synchronized TestServer postgres() {
        if (postgres == null) {
            postgres = new TestServer(TestDatabase.postgres());
            postgres.clock().share();
        }
        return postgres;
    }
}
