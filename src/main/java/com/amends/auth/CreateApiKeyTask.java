package com.amends.auth;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /tasks/create-api-key?role=admin&name=ops} on the admin port: the first admin key
 * while the server runs (the jar's command cannot open an H2 file the server holds). The answer
 * is the secret alone, so that {@code export ADMIN=$(curl …)} keeps it. The admin port is the
 * operator's, bound to 127.0.0.1: whoever reaches it could equally run the jar's command with
 * the database's credentials.
 */
public final class CreateApiKeyTask extends Task {
    private static final Logger LOG = LoggerFactory.getLogger(CreateApiKeyTask.class);

    private final OperatorKeys keys;

    public CreateApiKeyTask(OperatorKeys keys) {
        super("create-api-key");
        this.keys = keys;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        ApiKeyView key = keys.create(single(parameters, "role"), single(parameters, "name"));
        LOG.info("Created {} through the admin task", OperatorKeys.described(key));
        output.println(key.secret());
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() != 1) {
            throw new IllegalArgumentException("give " + name + " once, e.g. ?role=admin&name=ops (roles: "
                    + OperatorKeys.roles() + ")");
        }
        return values.get(0);
    }
}
