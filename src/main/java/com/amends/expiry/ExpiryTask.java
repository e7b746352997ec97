package com.amends.expiry;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/expire} on the admin port: run expiry now instead of at the next tick. */
public final class ExpiryTask extends Task {
    private final Expiry expiry;

    public ExpiryTask(Expiry expiry) {
        super("expire");
        this.expiry = expiry;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        Expiry.Result result = expiry.run();
        output.printf("holds released: %d%npoints expired: %d (%d customers)%nvouchers expired: %d%n"
                        + "pending grants expired: %d%nlots warned of expiry: %d%nvouchers warned of expiry: %d%n",
                result.holdsReleased(), result.pointsExpired(), result.customersWithExpiredPoints(),
                result.vouchersExpired(), result.pendingGrantsExpired(), result.lotsWarned(), result.vouchersWarned());
    }
}
