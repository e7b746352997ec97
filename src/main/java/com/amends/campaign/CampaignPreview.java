package com.amends.campaign;

import com.amends.grant.CampaignCredits;
import com.amends.platform.Money;
import com.amends.policy.Amounts;
import com.amends.policy.BudgetView;
import com.amends.policy.GrantTally;
import com.amends.policy.Headroom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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

    public PreviewView preview(String campaignId, List<Recipient> recipients) {
        CampaignRow campaign = views.find(campaignId);
        long invalid = 0;
        Set<String> unique = new LinkedHashSet<>();
        long twice = 0;
        for (Recipient recipient : recipients) {
            if (RecipientCheck.problem(recipient) != null) {
                invalid++;
            } else if (!unique.add(recipient.customerId())) {
                twice++;
            }
        }
        List<String> ids = new ArrayList<>(unique);
        long before = 0;
        for (int from = 0; from < ids.size(); from += CampaignCrediting.CHUNK) {
            before += credits.creditedBy(campaignId,
                    ids.subList(from, Math.min(ids.size(), from + CampaignCrediting.CHUNK))).size();
        }
        long fresh = ids.size() - before;
        Headroom budgets = tally.budgets(campaign.category(), clock.instant());
        List<BudgetView> budgetViews = budgets.rooms().stream().map(amounts::budgetView).toList();
        List<String> breaks = new ArrayList<>();
        long wouldCredit = fresh;
        Money total = null;
        if (campaign.unitValue() != null) {
            long unit = campaign.unitValue();
            total = amounts.money(Math.multiplyExact(fresh, unit));
            long waiting = Math.multiplyExact(campaign.queued(), unit); // rows already waiting take the room first
            if (campaign.costCap() != null && unit > 0) {
                Headroom.Room cap = Headroom.Room.costCap(campaignId, campaign.costCap(),
                        campaign.credited() * unit + waiting);
                long room = cap.units(unit, fresh);
                if (room < fresh) {
                    breaks.add("cost cap: room for " + room + " of " + fresh + " customers");
                    wouldCredit = Math.min(wouldCredit, room);
                }
            }
            for (Headroom.Room budget : budgets.reserve(waiting).rooms()) {
                if (budget.passedBy(Math.multiplyExact(fresh, unit))) {
                    long room = budget.units(unit, fresh);
                    breaks.add((budget.hard() ? "hard" : "soft") + " budget " + budget.scope() + ": room for " + room
                            + " of " + fresh + " customers");
                    if (budget.hard()) {
                        wouldCredit = Math.min(wouldCredit, room);
                    }
                }
            }
        }
        return new PreviewView(fresh, before + twice, invalid, total, wouldCredit, breaks, budgetViews);
    }
}
