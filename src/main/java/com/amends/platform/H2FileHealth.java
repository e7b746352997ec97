package com.amends.platform;

import com.codahale.metrics.health.HealthCheck;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Whether the embedded H2 file can be written now, by writing to it: a marker in a map of its
 * own, stored at once. The database check ({@code SELECT 1}) passes on a file H2 reopened while
 * the disk is still full, since reading needs no space; this one fails until H2 can store a
 * commit again, so a balancer keeps traffic away while every write would be refused. It runs as a
 * write transaction of {@link OneTransactionAtATime}, as {@link H2Compaction} does, so that what
 * it stores holds committed rows only. Each check stores a small chunk, reused like any other.
 */
public final class H2FileHealth extends HealthCheck {
    private static final String MAP = "amends.health";

    private final Transactor transactor;

    private H2FileHealth(Transactor transactor) {
        this.transactor = transactor;
    }

    /** The check on H2; none on PostgreSQL, whose own disk full is an error of its connections. */
    public static Optional<H2FileHealth> on(DatabaseKind kind, Transactor transactor) {
        return kind == DatabaseKind.H2 ? Optional.of(new H2FileHealth(transactor)) : Optional.empty();
    }

    @Override
    protected Result check() {
        try {
            return transactor.inTransaction(tx -> {
                Optional<MVStore> store = H2Engine.fileStoreOf(tx.handle().getConnection());
                if (store.isEmpty()) {
                    return Result.healthy("not an embedded H2 file");
                }
                MVMap<String, Long> marker = store.get().openMap(MAP);
                marker.put("written", System.nanoTime());
                store.get().commit();
                return Result.healthy();
            });
        } catch (RuntimeException e) {
            return Result.unhealthy("the H2 file cannot be written: " + FailureLog.summary(e));
        }
    }
}
