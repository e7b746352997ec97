package com.amends.campaign;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/campaigns[?chunks=N]} on the admin port: run the campaign worker now. */
public final class CampaignTask extends Task {
    private final CampaignWorker worker;

    public CampaignTask(CampaignWorker worker) {
        super("campaigns");
        this.worker = worker;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        int max = parameters.getOrDefault("chunks", List.of("-1")).stream().findFirst().map(Integer::parseInt).orElse(-1);
        output.printf("chunks credited: %d%n", worker.run(max));
    }
}
