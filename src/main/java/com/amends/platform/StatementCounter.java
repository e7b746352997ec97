package com.amends.platform;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Counts the statements and commits the server sends its database, as the database receives
 * them, into the metrics {@value #STATEMENTS} and {@value #COMMITS} (admin port, {@code /metrics}).
 * The load benchmark reads them before and after a known number of requests, so that what a
 * request costs is a number that does not depend on the machine's noise. Off unless
 * {@code countStatements} is set: it wraps every connection and statement in a proxy.
 *
 * <p>Counted as PostgreSQL's driver sends them: every execution (each row of a batch is one),
 * the {@code BEGIN} it sends before the first statement of a transaction, the {@code COMMIT}
 * or {@code ROLLBACK} that ends one, and one statement for each read or change of the
 * connection's isolation level ({@code SHOW TRANSACTION ISOLATION LEVEL}, {@code SET SESSION
 * CHARACTERISTICS}). H2, embedded, answers those from memory, so they count only on PostgreSQL.
 * A commit is a {@code COMMIT} that ended a transaction, or a change ({@code INSERT},
 * {@code UPDATE}, {@code DELETE}, {@code MERGE}) run in autocommit: what the database must make
 * durable before it answers. A read in autocommit is a statement but no commit.
 */
public final class StatementCounter {
    public static final String STATEMENTS = "database.statements";
    public static final String COMMITS = "database.commits";
    /** A change, after any comments (Jdbi puts the DAO method's name in one before each statement). */
    private static final Pattern WRITE = Pattern.compile("(\\s|/\\*.*?\\*/|--[^\\n]*\\n)*(INSERT|UPDATE|DELETE|MERGE)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final Counter statements;
    private final Counter commits;
    private final boolean isolationIsARoundTrip;

    private StatementCounter(MetricRegistry metrics, DatabaseKind kind) {
        this.statements = metrics.counter(STATEMENTS);
        this.commits = metrics.counter(COMMITS);
        this.isolationIsARoundTrip = kind == DatabaseKind.POSTGRESQL;
    }

    /** The data source itself when {@code enabled} is false, else one that counts. */
    public static ManagedDataSource wrap(ManagedDataSource dataSource, boolean enabled, DatabaseKind kind,
                                         MetricRegistry metrics) {
        if (!enabled) {
            return dataSource;
        }
        StatementCounter counter = new StatementCounter(metrics, kind);
        return proxy(ManagedDataSource.class, dataSource, (method, args, result) ->
                method.getName().equals("getConnection") ? counter.new Counted((Connection) result).proxy() : result);
    }

    private interface After {
        Object apply(Method method, Object[] args, Object result) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Object target, After after) {
        InvocationHandler handler = (self, method, args) -> {
            try {
                return after.apply(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** One borrowed connection: whether it is in autocommit and whether its transaction has begun. */
    private final class Counted {
        private final Connection connection;
        private boolean autoCommit;
        private boolean begun;

        Counted(Connection connection) throws java.sql.SQLException {
            this.connection = connection;
            this.autoCommit = connection.getAutoCommit();
        }

        Connection proxy() {
            return StatementCounter.proxy(Connection.class, connection, (method, args, result) -> {
                switch (method.getName()) {
                    case "setAutoCommit" -> {
                        boolean on = (Boolean) args[0];
                        if (on && !autoCommit) {
                            ended(true); // the driver commits what was open
                        }
                        autoCommit = on;
                    }
                    case "commit" -> ended(true);
                    case "rollback" -> ended(false);
                    case "getTransactionIsolation", "setTransactionIsolation" -> {
                        if (isolationIsARoundTrip) {
                            statements.inc();
                        }
                    }
                    case "createStatement" -> {
                        return statement(Statement.class, result, null);
                    }
                    case "prepareStatement" -> {
                        return statement(PreparedStatement.class, result, (String) args[0]);
                    }
                    case "prepareCall" -> {
                        return statement(CallableStatement.class, result, (String) args[0]);
                    }
                    default -> { }
                }
                return result;
            });
        }

        private <S extends Statement> S statement(Class<S> type, Object statement, String prepared) {
            int[] batched = {0};
            InvocationHandler handler = (self, method, args) -> {
                // Counted before it runs: a statement the database refuses was still sent.
                String name = method.getName();
                if (name.equals("addBatch")) {
                    batched[0]++;
                } else if (name.equals("clearBatch")) {
                    batched[0] = 0;
                } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                    executed(batched[0], prepared);
                    batched[0] = 0;
                } else if (name.startsWith("execute")) {
                    executed(1, args != null && args.length > 0 && args[0] instanceof String sql ? sql : prepared);
                }
                try {
                    return method.invoke(statement, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
        }

        private void executed(int count, String sql) {
            if (count == 0) {
                return;
            }
            if (autoCommit) {
                if (sql != null && WRITE.matcher(sql).lookingAt()) {
                    commits.inc(count);
                }
            } else if (!begun) {
                begun = true;
                statements.inc(); // BEGIN
            }
            statements.inc(count);
        }

        private void ended(boolean committed) {
            if (begun) {
                statements.inc();
                if (committed) {
                    commits.inc();
                }
                begun = false;
            }
        }
    }
}
