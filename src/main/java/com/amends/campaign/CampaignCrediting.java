package com.amends.campaign;

import com.amends.event.Events;
import com.amends.event.EventType;
import com.amends.customer.Customers;
import com.amends.grant.CampaignCredits;
import com.amends.platform.Json;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.policy.GrantTally;
import com.amends.policy.Headroom;
import com.amends.reward.Reward;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Credits a batch a chunk at a time, each chunk one transaction of batched statements under the
 * campaign's row lock. Re-running a chunk after a crash is safe: a row is settled in the
 * transaction that credits it, and the unique (campaign, customer) index is the last word on
 * "at most one grant".
 */
public final class CampaignCrediting {
    static final int CHUNK = 2_000;

    private final Transactor transactor;
    private final CampaignDao dao;
    private final Customers customers;
    private final CampaignCredits credits;
    private final GrantTally tally;
    private final CampaignViews views;
    private final Events events;
    private final ObjectMapper mapper;
    private final Clock clock;

    public CampaignCrediting(Transactor transactor, Customers customers, CampaignCredits credits, GrantTally tally,
                             CampaignViews views, Events events, ObjectMapper mapper, Clock clock) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(CampaignDao.class);
        this.customers = customers;
        this.credits = credits;
        this.tally = tally;
        this.views = views;
        this.events = events;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Credits the next chunk of a batch in a transaction of its own (the worker's way); answers whether rows are left. */
    public boolean creditChunk(String batchId) {
        return transactor.inTransaction(tx -> creditChunk(tx, batchId));
    }

    /** Credits the next chunk of a batch in the caller's transaction; answers whether rows are left. */
    boolean creditChunk(Tx tx, String batchId) {
        tx.requireOpen();
        String campaignId = dao.batchCampaign(batchId);
        CampaignRow campaign = dao.lock(campaignId).orElseThrow();
        List<RecipientRow> rows = dao.queued(batchId, CHUNK);
        Instant now = clock.instant();
        if (rows.isEmpty()) {
            if (dao.batchDone(batchId, now) == 1) {
                events.record(tx, EventType.CAMPAIGN_BATCH_COMPLETED, null, views.batchSummary(campaignId, batchId));
            }
            if (campaign.queued() == 0 && dao.finished(campaignId, now) == 1) {
                events.record(tx, EventType.CAMPAIGN_COMPLETED, null, views.get(campaignId));
            }
            return false;
        }
        if (!campaign.expiresAt().isAfter(now)) {
            List<RecipientRow> expired = rows.stream()
                    .map(row -> row.settle(RecipientStatus.EXPIRED, "the campaign's reward has expired", null)).toList();
            dao.settle(expired);
            dao.addProgress(campaignId, 0, expired.size(), 0, now);
            return true;
        }
        Map<String, RecipientRow> first = new LinkedHashMap<>();
        List<RecipientRow> twice = new ArrayList<>();
        for (RecipientRow row : rows) {
            if (first.putIfAbsent(row.customerId(), row) != null) {
                twice.add(row);
            }
        }
        Set<String> before = new HashSet<>(credits.creditedBy(campaignId, new ArrayList<>(first.keySet())));
        List<String> creditable = new ArrayList<>();
        for (RecipientRow row : first.values()) {
            if (!before.contains(row.customerId())) {
                creditable.add(row.customerId());
            }
        }
        Room room = room(tx, campaign, creditable.size(), now);
        List<String> credit = creditable.subList(0, room.fit());
        Map<String, CampaignCredits.Credit> made = Map.of();
        if (!credit.isEmpty()) {
            customers.ensureAll(tx, credit);
            made = credits.creditAll(tx, new CampaignCredits.Campaign(campaignId, campaign.reasonCode(),
                    campaign.category(), campaign.agentId(), campaign.name(),
                    Json.read(mapper, campaign.reward(), Reward.class), campaign.unitValue(), campaign.expiresAt(),
                    campaign.apiKeyId(), room.usageId(), campaign.messageSubject(), campaign.messageBody()), credit);
        }
        Map<String, RecipientRow> outcome = new HashMap<>();
        List<RecipientRow> settled = new ArrayList<>(rows.size());
        for (RecipientRow row : first.values()) {
            CampaignCredits.Credit grant = made.get(row.customerId());
            RecipientRow done;
            if (grant != null) {
                done = row.settle(RecipientStatus.CREDITED, null, grant.grantId());
            } else if (before.contains(row.customerId())) {
                done = row.settle(RecipientStatus.ALREADY_CREDITED, "credited by this campaign before", null);
            } else {
                done = row.settle(room.status(), room.detail(), null);
            }
            outcome.put(row.customerId(), done);
            settled.add(done);
        }
        for (RecipientRow row : twice) {
            // A repeat shares its first row's fate: credited once, or stopped by the same limit.
            RecipientRow firstOutcome = outcome.get(row.customerId());
            settled.add(firstOutcome.outcome().credited()
                    ? row.settle(RecipientStatus.ALREADY_CREDITED, "listed twice", null)
                    : row.settle(firstOutcome.outcome(), firstOutcome.detail(), null));
        }
        dao.settle(settled);
        dao.addProgress(campaignId, made.size(), settled.size() - made.size(), 0, now);
        return true;
    }

    /**
     * How many of {@code wanted} the cost cap and hard budgets leave room for, counting those
     * against the budgets. The campaign's supervisor approved the campaign, so soft budgets count
     * its grants but do not stop them; a reward that cannot be valued fits under no hard budget.
     */
    private Room room(Tx tx, CampaignRow campaign, int wanted, Instant now) {
        if (wanted == 0) {
            return new Room(0, null, null, null);
        }
        long fit = wanted;
        RecipientStatus status = null;
        String detail = null;
        Long unit = campaign.unitValue();
        if (campaign.costCap() != null && unit != null && unit > 0) {
            long byCap = Headroom.Room.costCap(campaign.id(), campaign.costCap(),
                    Math.multiplyExact(campaign.credited(), unit)).units(unit, fit);
            if (byCap < fit) {
                fit = byCap;
                status = RecipientStatus.COST_CAP;
                detail = "the campaign's cost cap is reached";
            }
        }
        long byBudgets = fit;
        String usageId = null;
        if (unit == null) {
            boolean hard = tally.budgets(campaign.category(), now).rooms().stream().anyMatch(Headroom.Room::hard);
            byBudgets = hard ? 0 : fit;
        } else {
            Headroom budgets = tally.lockBudgets(tx, campaign.category(), now);
            for (Headroom.Room budget : budgets.rooms()) {
                if (budget.hard()) {
                    byBudgets = Math.min(byBudgets, budget.units(unit, byBudgets));
                }
            }
            usageId = tally.reserve(tx, budgets, unit, byBudgets);
        }
        if (byBudgets < fit) {
            fit = byBudgets;
            status = RecipientStatus.BUDGET_EXHAUSTED;
            detail = unit == null ? "the reward cannot be valued against the hard budget for " + campaign.category()
                    : "a hard budget for " + campaign.category() + " is spent";
        }
        return new Room((int) fit, status, detail, usageId);
    }

    private record Room(int fit, RecipientStatus status, String detail, String usageId) {}
}
