package com.amends.auth;

import com.amends.AmendsConfiguration;
import com.amends.platform.Database;
import com.amends.platform.DatabaseKind;
import com.amends.platform.Ids;
import com.amends.platform.Migrations;
import com.amends.platform.Transactor;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.time.Clock;
import java.util.Arrays;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * {@code java -jar amends.jar create-api-key --role admin --name ops config.yml}: makes a key
 * without an API call, which is how the first admin key comes to exist.
 */
public final class CreateApiKeyCommand extends ConfiguredCommand<AmendsConfiguration> {

    public CreateApiKeyCommand() {
        super("create-api-key", "Create an API key and print its secret (shown only this once)");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--role").required(true)
                .choices(Arrays.stream(Role.values()).map(Role::wire).toList())
                .help("the key's role");
        subparser.addArgument("--name").required(true).help("a name that says who uses the key, e.g. ops");
    }

    @Override
    protected void run(Bootstrap<AmendsConfiguration> bootstrap, Namespace namespace, AmendsConfiguration config)
            throws Exception {
        ManagedDataSource dataSource = config.getDatabase().build(bootstrap.getMetricRegistry(), "create-api-key");
        try {
            DatabaseKind kind = DatabaseKind.of(config.getDatabase().getUrl());
            Migrations.migrate(dataSource, kind);
            Jdbi jdbi = Database.configure(Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()), kind);
            Clock clock = Clock.systemUTC();
            String name = namespace.getString("name");
            if (name.isBlank() || name.length() > 100) {
                throw new IllegalArgumentException("--name must be 1 to 100 characters");
            }
            ApiKeyView key = new ApiKeyService(new Transactor(jdbi), new Ids(clock), clock)
                    .create(name, Role.fromWire(namespace.getString("role")));
            System.out.println("Created API key " + key.id() + " (" + key.role().wire() + ", " + key.name() + ")");
            System.out.println("Secret, shown only now; send it as Authorization: Bearer <secret>:");
            System.out.println(key.secret());
        } finally {
            dataSource.stop();
        }
    }
}
