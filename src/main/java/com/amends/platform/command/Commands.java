package com.amends.platform.command;

import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.platform.idempotency.Idempotency;
import com.amends.platform.idempotency.Outcome;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/**
 * The one way a change made through the API runs: in a transaction opened here, the work gets
 * its {@link Tx}, and the change is recorded in the {@link ChangeLog} before it commits. A
 * value-moving change runs once per Idempotency-Key, and its answer is stored in the same
 * transaction (see {@link Idempotency}).
 */
public final class Commands {
    private final Transactor transactor;
    private final Idempotency idempotency;
    private final ChangeLog log;

    public Commands(Transactor transactor, Idempotency idempotency, ChangeLog log) {
        this.transactor = transactor;
        this.idempotency = idempotency;
        this.log = log;
    }

    public <T> T run(Change change, Function<Tx, T> work) {
        return run(change, null, work);
    }

    /** {@code before} reads what is about to change, in the change's transaction, for the record. */
    public <T> T run(Change change, Function<Tx, ?> before, Function<Tx, T> work) {
        return transactor.inTransaction(tx -> apply(tx, change, before, work, result -> result));
    }

    public Response runOnce(String apiKeyId, String idempotencyKey, Change change, Function<Tx, Outcome> work) {
        return runOnce(apiKeyId, idempotencyKey, change, null, work);
    }

    /** The change's action and request are what a retry must repeat to get the stored answer. */
    public Response runOnce(String apiKeyId, String idempotencyKey, Change change, Function<Tx, ?> before,
                            Function<Tx, Outcome> work) {
        return idempotency.execute(apiKeyId, idempotencyKey, change.action(), change.request(),
                tx -> apply(tx, change, before, work, Outcome::body));
    }

    private <T> T apply(Tx tx, Change change, Function<Tx, ?> before, Function<Tx, T> work, Function<T, ?> answer) {
        Object was = before == null ? null : before.apply(tx);
        T result = work.apply(tx);
        log.record(tx, change, was, change.removes() ? null : answer.apply(result));
        return result;
    }
}
