package com.amends.campaign;

import com.amends.grant.CampaignCredits;
import com.amends.platform.Money;
import com.amends.policy.Amounts;
import com.amends.policy.BudgetView;
import com.amends.policy.GrantTally;
import com.amends.policy.Headroom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a batch would do, computed without writing anything, from the same headroom crediting uses. */
public final class CampaignPreview {
    private final CampaignViews views;
    private final CampaignCredits credits;
    private final GrantTally tally;
    private final Amounts amounts;
    private final Clock clock;

    public CampaignPreview(CampaignViews views, CampaignCredits credits, GrantTally tally, Amounts amounts, Clock clock) {
        this.views = views;
        this.credits = credits;
        this.tally = tally;
        this.amounts = amounts;
        this.clock = clock;
    }

    /**
     * Counts the rows as crediting would settle them: the first customers in the batch's order
     * are credited while there is room; the rest are stopped by the budget when a hard budget
     * binds, else by the cost cap; a repeated customer shares their first row's fate.
     */
    public PreviewView preview(String campaignId, List<Recipient> recipients) {
        CampaignRow campaign = views.find(campaignId);
        long invalid = 0;
        Map<String, Long> repeats = new LinkedHashMap<>();
        for (Recipient recipient : recipients) {
            if (RecipientCheck.problem(recipient) != null) {
                invalid++;
            } else {
                repeats.merge(recipient.customerId(), 0L, (was, none) -> was + 1);
            }
        }
        List<String> ids = new ArrayList<>(repeats.keySet());
        Set<String> before = new HashSet<>();
        for (int from = 0; from < ids.size(); from += CampaignCrediting.CHUNK) {
            before.addAll(credits.creditedBy(campaignId,
                    ids.subList(from, Math.min(ids.size(), from + CampaignCrediting.CHUNK))));
        }
        List<String> fresh = ids.stream().filter(id -> !before.contains(id)).toList();
        Headroom budgets = tally.budgets(campaign.category(), clock.instant());
        List<BudgetView> budgetViews = budgets.rooms().stream().map(amounts::budgetView).toList();
        List<String> breaks = new ArrayList<>();
        long byCap = fresh.size();
        long wouldCredit = fresh.size();
        Money total = null;
        if (campaign.unitValue() != null) {
            long unit = campaign.unitValue();
            total = amounts.money(Math.multiplyExact(fresh.size(), unit));
            long waiting = Math.multiplyExact(campaign.queued(), unit); // rows already waiting take the room first
            if (campaign.costCap() != null && unit > 0) {
                Headroom.Room cap = Headroom.Room.costCap(campaignId, campaign.costCap(),
                        campaign.credited() * unit + waiting);
                long room = cap.units(unit, fresh.size());
                if (room < fresh.size()) {
                    breaks.add("cost cap: room for " + room + " of " + fresh.size() + " customers");
                    byCap = room;
                }
            }
            wouldCredit = byCap;
            for (Headroom.Room budget : budgets.reserve(waiting).rooms()) {
                if (budget.passedBy(Math.multiplyExact(fresh.size(), unit))) {
                    long room = budget.units(unit, fresh.size());
                    breaks.add((budget.hard() ? "hard" : "soft") + " budget " + budget.scope() + ": room for " + room
                            + " of " + fresh.size() + " customers");
                    if (budget.hard()) {
                        wouldCredit = Math.min(wouldCredit, room);
                    }
                }
            }
        } else if (!fresh.isEmpty()) {
            for (Headroom.Room budget : budgets.rooms()) {
                if (budget.hard()) {
                    breaks.add("hard budget " + budget.scope() + ": the reward cannot be valued against it");
                    wouldCredit = 0;
                }
            }
        }
        Set<String> credited = new HashSet<>(fresh.subList(0, (int) wouldCredit));
        RecipientStatus stopped = wouldCredit < byCap ? RecipientStatus.BUDGET_EXHAUSTED : RecipientStatus.COST_CAP;
        Map<RecipientStatus, Long> counts = new EnumMap<>(RecipientStatus.class);
        counts.put(RecipientStatus.INVALID, invalid);
        repeats.forEach((customer, again) -> {
            RecipientStatus first = before.contains(customer) ? RecipientStatus.ALREADY_CREDITED
                    : credited.contains(customer) ? RecipientStatus.CREDITED : stopped;
            counts.merge(first, 1L, Long::sum);
            counts.merge(first.credited() ? RecipientStatus.ALREADY_CREDITED : first, again, Long::sum);
        });
        return new PreviewView(RecipientCounts.of(counts), total, breaks, budgetViews);
    }
}
