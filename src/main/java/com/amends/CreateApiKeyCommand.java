package com.amends;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.amends.audit.Audit;
import com.amends.auth.ApiKeyService;
import com.amends.auth.ApiKeyView;
import com.amends.auth.OperatorKeys;
import com.amends.auth.Role;
import com.amends.platform.Database;
import com.amends.platform.DatabaseKind;
import com.amends.platform.Ids;
import com.amends.platform.Json;
import com.amends.platform.Migrations;
import com.amends.platform.Transactor;
import com.amends.platform.command.Commands;
import com.amends.platform.idempotency.Idempotency;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * {@code java -jar amends.jar create-api-key --role admin --name ops config.yml}: makes a key
 * without an API call, which is how the first admin key comes to exist. Standard output gets the
 * secret alone ({@code export ADMIN=$(java -jar …)} keeps it); what else there is to say, logs
 * included, goes to standard error. H2 lets one process open its file, so while the server runs
 * on H2 the command says to use the admin port's task instead; PostgreSQL takes both at once.
 */
public final class CreateApiKeyCommand extends ConfiguredCommand<AmendsConfiguration> {
    /** H2's DATABASE_ALREADY_OPEN_1: another process holds the file. */
    private static final int H2_FILE_IN_USE = 90020;

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
        logToStandardError(bootstrap, config);
        String role = namespace.getString("role");
        String name = namespace.getString("name");
        DataSourceFactory database = config.getDatabase();
        DatabaseKind kind = DatabaseKind.of(database.getUrl());
        if (kind == DatabaseKind.H2) {
            refuseWhileInUse(config, role, name);
        }
        ManagedDataSource dataSource = Database.readCommitted(database).build(bootstrap.getMetricRegistry(), "create-api-key");
        try {
            Migrations.migrate(dataSource, kind);
            Transactor transactor = new Transactor(
                    Database.configure(Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()), kind));
            Clock clock = AmendsApplication.systemClock();
            Ids ids = new Ids(clock);
            ObjectMapper mapper = Json.configure(bootstrap.getObjectMapper());
            Commands commands = new Commands(transactor,
                    new Idempotency(transactor, mapper, clock, config.getIdempotencyRetention().toJavaDuration(),
                            config.getIdempotencyLease().toJavaDuration()),
                    new Audit(transactor, mapper, ids, clock, AmendsApplication.VOUCHER_CODES));
            ApiKeyView key = new OperatorKeys(new ApiKeyService(transactor, ids, clock), commands).create(role, name);
            System.err.println("Created " + OperatorKeys.described(key) + "; its secret, on standard output, is shown "
                    + "only this once. Send it as Authorization: Bearer <secret>.");
            System.out.println(key.secret());
        } finally {
            dataSource.stop();
        }
    }

    /** A refusal the operator can act on is said in one sentence, without a stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof IllegalArgumentException || e instanceof InUse) {
            cli.getStdErr().println(e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    /** The server's log settings, written to standard error: standard output is the secret's alone. */
    private static void logToStandardError(Bootstrap<AmendsConfiguration> bootstrap, AmendsConfiguration config) {
        if (config.getLoggingFactory() instanceof DefaultLoggingFactory logging) {
            ConsoleAppenderFactory<ILoggingEvent> console = new ConsoleAppenderFactory<>();
            console.setTarget(ConsoleAppenderFactory.ConsoleStream.STDERR);
            logging.setAppenders(List.of(console));
            logging.configure(bootstrap.getMetricRegistry(), bootstrap.getApplication().getName());
        }
    }

    /**
     * Tries the file before the pool does, so that a running server is reported as what it is
     * rather than as the pool's stack trace.
     */
    private static void refuseWhileInUse(AmendsConfiguration config, String role, String name) throws SQLException {
        DataSourceFactory database = config.getDatabase();
        try (Connection probe = DriverManager.getConnection(database.getUrl(), database.getUser(), database.getPassword())) {
            probe.isValid(1);
        } catch (SQLException e) {
            if (e.getErrorCode() != H2_FILE_IN_USE) {
                throw e;
            }
            String url = database.getUrl();
            throw new InUse("The H2 database " + url.substring(0, url.contains(";") ? url.indexOf(';') : url.length())
                    + " is in use, most likely by the running server: H2 lets one process open its file.\n"
                    + "While the server runs, make the key on its admin port:\n"
                    + "  curl -sS -X POST '" + adminAddress(config) + "/tasks/create-api-key?role="
                    + URLEncoder.encode(role, StandardCharsets.UTF_8) + "&name="
                    + URLEncoder.encode(name, StandardCharsets.UTF_8) + "'\n"
                    + "or stop the server and run this command again.");
        }
    }

    private static String adminAddress(AmendsConfiguration config) {
        if (config.getServerFactory() instanceof DefaultServerFactory server && !server.getAdminConnectors().isEmpty()
                && server.getAdminConnectors().get(0) instanceof HttpConnectorFactory http) {
            return "localhost:" + http.getPort();
        }
        return "localhost:8081";
    }

    private static final class InUse extends RuntimeException {
        InUse(String message) {
            super(message, null, false, false);
        }
    }
}
