package com.amends.report;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/sum-days} on the admin port: sum the closed days now instead of at the next tick. */
public final class SumDaysTask extends Task {
    private final DaySums daySums;

    public SumDaysTask(DaySums daySums) {
        super("sum-days");
        this.daySums = daySums;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        DaySums.Result result = daySums.sumClosedDays();
        output.printf("days summed: %d%nsummed through: %s%n", result.days(),
                result.summedThrough().map(Object::toString).orElse("none"));
    }
}
