package com.amends.testing;

import com.amends.AmendsApplication;
import com.amends.AmendsConfiguration;
import com.amends.auth.ApiKeyService;
import com.amends.auth.Role;
import com.amends.platform.Database;
import com.amends.platform.DatabaseKind;
import com.amends.platform.Ids;
import com.amends.platform.Transactor;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The whole server, started in-process on a random port over a database of its own, with a
 * clock the test controls and one API key per role. Tests talk to it over real HTTP.
 */
public final class TestServer implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TestDatabase database;
    private final MutableClock clock;
    private final Map<String, String> settings = new java.util.LinkedHashMap<>();
    private DropwizardTestSupport<AmendsConfiguration> support;
    private Jdbi jdbi;
    private final Map<Role, String> secrets = new EnumMap<>(Role.class);
    private final BrowserExchanges browserExchanges = new BrowserExchanges();

    public TestServer(TestDatabase database) {
        this(database, new MutableClock(MutableClock.START));
    }

    public TestServer(TestDatabase database, MutableClock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** A configuration setting over test-config.yml, e.g. {@code logging.level}; set it before the first start. */
    public TestServer setting(String path, String value) {
        settings.put(path, value);
        return this;
    }

    public synchronized TestServer start() {
        if (support != null) {
            return this;
        }
        String prefix = "dw" + SEQUENCE.incrementAndGet() + ".";
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config(prefix, "database.driverClass", database.driver()),
                ConfigOverride.config(prefix, "database.url", database.url())));
        if (database.user() != null) {
            overrides.add(ConfigOverride.config(prefix, "database.user", database.user()));
        }
        settings.forEach((path, value) -> overrides.add(ConfigOverride.config(prefix, path, value)));
        MutableClock serverClock = clock;
        BrowserExchanges recorder = browserExchanges;
        support = new DropwizardTestSupport<>(AmendsApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), prefix,
                overrides.toArray(ConfigOverride[]::new)) {
            @Override
            public Application<AmendsConfiguration> newApplication() {
                return new AmendsApplication(serverClock) {
                    @Override
                    public void run(AmendsConfiguration config, Environment environment) {
                        super.run(config, environment);
                        environment.servlets().addFilter("browser-exchanges", recorder)
                                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/v1/*");
                    }
                };
            }
        };
        try {
            support.before();
        } catch (Exception e) {
            throw new IllegalStateException("Test server did not start", e);
        }
        if (jdbi == null) {
            jdbi = Database.configure(Jdbi.create(() -> database.connect()).installPlugin(new SqlObjectPlugin()),
                    DatabaseKind.of(database.url()));
            ApiKeyService keys = new ApiKeyService(new Transactor(jdbi), new Ids(clock), clock);
            for (Role role : Role.values()) {
                secrets.put(role, keys.create("test-" + role.wire(), role).secret());
            }
            // Ids made by two generators in one millisecond have no order between them; move on
            // so that everything the server makes sorts after these keys.
            clock.step(java.time.Duration.ofMillis(1));
        }
        return this;
    }

    /** Stops the server, keeping its database, so that {@link #start()} restarts it on the same data. */
    public synchronized void stop() {
        if (support != null) {
            support.after();
            support = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public Api as(Role role) {
        start();
        return new Api(support.getLocalPort(), secrets.get(role));
    }

    /** The secret of this server's key for a role, for clients other than {@link Api}: a generated one, or a person pasting it into the console. */
    public String secret(Role role) {
        start();
        return secrets.get(role);
    }

    public Api withSecret(String secret) {
        start();
        return new Api(support.getLocalPort(), secret);
    }

    public int port() {
        start();
        return support.getLocalPort();
    }

    /** The admin connector's port, for a client that waits longer than {@link Api}'s minute. */
    public int adminPortNumber() {
        start();
        return support.getAdminPort();
    }

    /** The admin connector, where health checks and metrics live; it takes no key. */
    public Api adminPort() {
        start();
        return new Api(support.getAdminPort(), null);
    }

    /** The API requests a browser made of this server since the last call, with their answers. */
    public List<SpecValidator.Exchange> browserExchanges() {
        return browserExchanges.drain();
    }

    /** The database, for a second server on the same data (two instances). */
    public TestDatabase database() {
        return database;
    }

    public MutableClock clock() {
        return clock;
    }

    /** Direct SQL, for checking what a test cannot see through the API (and for setting up faults). */
    public Jdbi jdbi() {
        start();
        return jdbi;
    }

    public String databaseKind() {
        return database.kind();
    }

    @Override
    public String toString() {
        return database.kind();
    }
}
