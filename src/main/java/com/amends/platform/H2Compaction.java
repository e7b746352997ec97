package com.amends.platform;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;

/**
 * Keeps an H2 database file from growing with every commit, and syncs it to the disk once a run.
 *
 * <p>H2 stores each commit as a new chunk of pages. A chunk's space is reused only once none of
 * its pages is live any more, and a few always are (a leaf nobody changed since). H2's own
 * background thread rewrites those last live pages elsewhere, but it runs only with a write
 * delay, and this server needs {@code WRITE_DELAY=0} so that an answered request survives a kill.
 * Without it the load benchmark's file reached 14.8 GiB after 115,000 requests. This job does that
 * rewriting instead.
 *
 * <p>It runs as a write transaction of {@link OneTransactionAtATime}: while it moves pages and
 * stores them, no other transaction is open, so the chunk it writes holds committed rows only
 * and a kill at any point loses nothing. It reaches the store through H2's engine classes,
 * which is why it only runs on an embedded H2 file.
 */
public final class H2Compaction {
    /** Below this share of live bytes in the file's chunks, their live pages are moved on. */
    private static final int TARGET_FILL_PERCENT = 80;

    /** Live bytes moved per run at most: writers wait while it runs. */
    private static final int MOVED_BYTES_PER_RUN = 2 << 20;

    private final Transactor transactor;
    private Timer syncs = new Timer();
    /** The file's size and how much of it is live, as of the last run: the admin port's metrics show them. */
    private volatile FileState lastSeen = new FileState(0, 0, 0);

    /**
     * @param bytes         the file's size
     * @param chunksPercent the share of the file that chunks take (the rest is free for reuse)
     * @param livePercent   the share of the chunks' bytes that is live
     */
    public record FileState(long bytes, int chunksPercent, int livePercent) {
        /** Live bytes, about: what a fully compacted file would take. */
        public long liveBytes() {
            return bytes * chunksPercent / 100 * livePercent / 100;
        }
    }

    private H2Compaction(Transactor transactor) {
        this.transactor = transactor;
    }

    /** The job on H2; none on PostgreSQL, which reuses its space by itself (vacuum). */
    public static Optional<H2Compaction> on(DatabaseKind kind, Transactor transactor) {
        return kind == DatabaseKind.H2 ? Optional.of(new H2Compaction(transactor)) : Optional.empty();
    }

    /** @return whether any page was moved (and its old chunk left to be reused) */
    public boolean run() {
        boolean[] moved = {false};
        Optional<MVStore> store = transactor.inTransaction(tx -> {
            Optional<MVStore> fileStore = H2Engine.fileStoreOf(tx.handle().getConnection());
            if (fileStore.isPresent() && fileStore.get().compact(TARGET_FILL_PERCENT, MOVED_BYTES_PER_RUN)) {
                // Store the moved pages now, while this transaction keeps the others out.
                fileStore.get().commit();
                moved[0] = true;
            }
            return fileStore;
        });
        store.ifPresent(this::sync);
        return moved[0];
    }

    /**
     * Flushes what was written to the disk itself (fsync), outside the write turn: commits do not
     * wait for it. H2 never syncs a commit, and overwrites a freed chunk once it has been free
     * for its RETENTION_TIME, which H2 takes to be longer than the operating system keeps writes
     * in memory; the shipped URL shortens that time to a few of these syncs, so that the file
     * keeps a few seconds of freed chunks instead of a minute and a half, and a power loss still
     * finds every chunk that a live one replaced on the disk.
     */
    private void sync(MVStore store) {
        long started = System.nanoTime();
        store.sync();
        syncs.update(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        var file = store.getFileStore();
        lastSeen = new FileState(file.size(), file.getFillRate(), file.getChunksFillRate());
    }

    /** The file as the last run saw it. */
    public FileState lastSeen() {
        return lastSeen;
    }

    /** Gauges of the file's size and live share, and the time each sync took, for watching it against its disk. */
    public void registerGauges(MetricRegistry metrics) {
        syncs = metrics.timer("h2.file.sync");
        metrics.gauge("h2.file.bytes", () -> () -> lastSeen.bytes());
        metrics.gauge("h2.file.liveBytes", () -> () -> lastSeen.liveBytes());
        metrics.gauge("h2.file.chunksPercent", () -> () -> lastSeen.chunksPercent());
        metrics.gauge("h2.file.livePercent", () -> () -> lastSeen.livePercent());
    }
}
