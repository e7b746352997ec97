package com.amends.audit;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/seal-audit} on the admin port: seal committed audit events now. */
public final class SealAuditTask extends Task {
    private final AuditChain chain;

    public SealAuditTask(AuditChain chain) {
        super("seal-audit");
        this.chain = chain;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        output.printf("audit events sealed: %d%n", chain.seal());
    }
}
