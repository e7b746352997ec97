package com.amends.webhook;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/deliver-webhooks} on the admin port: send what is due now, and wait for the answers. */
public final class DeliverWebhooksTask extends Task {
    private final DeliveryWorker worker;

    public DeliverWebhooksTask(DeliveryWorker worker) {
        super("deliver-webhooks");
        this.worker = worker;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        DeliveryOutcomes.Counts counts = worker.run();
        output.printf("delivered: %d%nretrying: %d%nfailed: %d%n", counts.delivered(), counts.retrying(),
                counts.failed());
    }
}
