package com.amends.campaign;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.platform.Transactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Credits queued batches in the background. Any instance may run it: a batch is leased before
 * its chunks are credited and the lease is renewed per chunk, so a batch whose worker died is
 * taken over once its lease runs out, and resumes at its first unsettled row.
 *
 * <p>The lease only spares instances from queueing on the same campaign: crediting is safe with
 * two workers on one batch (each chunk runs under the campaign's row lock and settles the rows
 * it credits), so a lease may be short. It is a few times the time a chunk takes, so that a
 * live worker renews it long before it runs out, and a dead worker's batch, the one a restart
 * interrupted included, goes on within seconds instead of waiting minutes.
 */
public final class CampaignWorker {
    static final Duration LEASE = Duration.ofSeconds(15);
    /** Revocations the worker makes are booked to no API key of a person. */
    private static final Caller WORKER = new Caller("campaign-worker", "campaign worker", Role.SUPERVISOR);

    private final Transactor transactor;
    private final CampaignDao dao;
    private final CampaignCrediting crediting;
    private final CampaignRevocation revocation;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();

    public CampaignWorker(Transactor transactor, CampaignCrediting crediting, CampaignRevocation revocation, Clock clock) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(CampaignDao.class);
        this.crediting = crediting;
        this.revocation = revocation;
        this.clock = clock;
    }

    /**
     * Credits up to {@code maxChunks} chunks (all there are when negative), then revokes what
     * campaigns asked to; answers how many chunks it credited.
     */
    public int run(int maxChunks) {
        int chunks = credit(maxChunks);
        if (maxChunks < 0) {
            for (String campaign : revocation.revoking()) {
                while (revocation.revokeChunk(WORKER, campaign)) {
                    // one chunk of grants at a time, each revoked in its own transaction
                }
            }
        }
        return chunks;
    }

    private int credit(int maxChunks) {
        int chunks = 0;
        for (String batch : dao.claimable(owner, clock.instant(), 20)) {
            while (maxChunks < 0 || chunks < maxChunks) {
                Instant now = clock.instant();
                if (transactor.inTransaction(tx -> dao.lease(batch, owner, now.plus(LEASE), now)) == 0) {
                    break; // someone else has it, or it is done
                }
                if (!crediting.creditChunk(batch)) { // a transaction of its own
                    break;
                }
                chunks++;
            }
            if (maxChunks >= 0 && chunks >= maxChunks) {
                break;
            }
        }
        return chunks;
    }
}
