package com.amends.campaign;

import com.amends.auth.Caller;
import com.amends.grant.CampaignCredits;
import com.amends.grant.Grants;
import com.amends.grant.RevokeGrantRequest;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import java.time.Clock;
import java.util.List;

/**
 * Revoking what nobody spent of a campaign's grants: asked for in a request, done by the worker
 * grant by grant, since a hundred thousand revocations do not fit in one request.
 */
public final class CampaignRevocation {
    static final int REVOKE_CHUNK = 200;

    private final Transactor transactor;
    private final CampaignDao dao;
    private final Grants grants;
    private final CampaignCredits credits;
    private final CampaignViews views;
    private final Clock clock;

    public CampaignRevocation(Transactor transactor, Grants grants, CampaignCredits credits, CampaignViews views,
                              Clock clock) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(CampaignDao.class);
        this.grants = grants;
        this.credits = credits;
        this.views = views;
        this.clock = clock;
    }

    /** Closes the campaign and asks the worker to revoke its unspent grants, in the caller's transaction. */
    public CampaignView revokeUnused(Tx tx, String id) {
        tx.requireOpen();
        dao.lock(id).orElseThrow(() -> CampaignViews.notFound(id));
        dao.close(id, clock.instant());
        dao.requestRevoke(id, clock.instant());
        return views.get(id);
    }

    /** Revokes up to one chunk of a campaign's issued grants, each in its own transaction; answers whether any were left. */
    public boolean revokeChunk(Caller worker, String campaignId) {
        List<String> issued = credits.issuedOfCampaign(campaignId, "", REVOKE_CHUNK);
        if (issued.isEmpty()) {
            transactor.run(tx -> dao.revokeFinished(campaignId, clock.instant()));
            return false;
        }
        for (String grant : issued) {
            transactor.run(tx -> {
                grants.revoke(tx, worker, grant, new RevokeGrantRequest("unused campaign credit"));
                dao.addRevoked(campaignId, 1);
            });
        }
        return true;
    }

    public List<String> revoking() {
        return dao.revoking();
    }
}
