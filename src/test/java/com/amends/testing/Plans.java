package com.amends.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/** What the database says it will do with the statement a DAO call renders. */
public final class Plans {
    private Plans() {}

    /**
     * Runs {@code call} (one DAO statement on the handle it is given) to capture the statement it
     * renders, then has the database explain that statement with the same arguments.
     *
     * @param methods the object whose methods the statement binds ({@code @BindMethods})
     * @param named   the statement's other named arguments
     */
    public static String explain(TestServer server, Consumer<Handle> call, Object methods, Map<String, Object> named) {
        try (Handle handle = server.jdbi().open()) {
            AtomicReference<String> rendered = new AtomicReference<>();
            handle.setSqlLogger(new SqlLogger() {
                @Override
                public void logBeforeExecution(StatementContext context) {
                    rendered.set(context.getRenderedSql());
                }
            });
            call.accept(handle);
            String sql = rendered.get();
            boolean postgres = !server.databaseKind().equals("h2");
            if (postgres) {
                // A test database is small enough for PostgreSQL to prefer reading a table whole.
                handle.execute("SET enable_seqscan = off");
            }
            try {
                List<String> lines = handle.createQuery("EXPLAIN " + sql).bindMethods(methods).bindMap(named)
                        .mapTo(String.class).list();
                return String.join("\n", lines).toLowerCase();
            } finally {
                if (postgres) {
                    handle.execute("RESET enable_seqscan");
                }
            }
        }
    }

    /** Whether the plan reads that index (by its whole name: not another index whose name it begins). */
    public static boolean reads(String plan, String index) {
        return Pattern.compile("\\b" + Pattern.quote(index) + "\\b").matcher(plan).find();
    }

    /** Whether the plan reads an index in the order asked for, rather than sorting what it read. */
    public static boolean sorts(TestServer server, String plan) {
        return server.databaseKind().equals("h2") ? !plan.contains("index sorted") : plan.contains("sort");
    }
}
