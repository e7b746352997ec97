package com.amends.grant;

import java.util.HashMap;
import com.amends.event.Events;
import com.amends.event.EventType;
import com.amends.ledger.EntryContext;
import com.amends.platform.Ids;
import com.amends.platform.Json;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.points.Points;
import com.amends.policy.GrantTally;
import com.amends.reward.Reward;
import com.amends.voucher.VoucherIssuer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The grants a campaign makes: thousands at a time, with batched statements, in the caller's transaction. */
public final class CampaignCredits {
    private final GrantDao dao;
    private final Points points;
    private final VoucherIssuer vouchers;
    private final GrantTally tally;
    private final GrantViews views;
    private final Events events;
    private final ObjectMapper mapper;
    private final Ids ids;
    private final Clock clock;

    public CampaignCredits(Transactor transactor, Points points, VoucherIssuer vouchers, GrantTally tally,
                           GrantViews views, Events events, ObjectMapper mapper, Ids ids, Clock clock) {
        this.dao = transactor.onDemand(GrantDao.class);
        this.points = points;
        this.vouchers = vouchers;
        this.tally = tally;
        this.views = views;
        this.events = events;
        this.mapper = mapper;
        this.ids = ids;
        this.clock = clock;
    }

    /** Which of these customers a campaign has credited already. */
    public List<String> creditedBy(String campaignId, List<String> customerIds) {
        return customerIds.isEmpty() ? List.of() : dao.creditedBy(campaignId, customerIds);
    }

    /**
     * Issues one campaign grant to each customer; the campaign is the case of each. Answers the
     * grant ids (and voucher codes, for a voucher reward) by customer.
     */
    public Map<String, Credit> creditAll(Tx tx, Campaign campaign, List<String> customerIds) {
        tx.requireOpen();
        Instant now = clock.instant();
        Map<String, Credit> credits = new LinkedHashMap<>();
        List<GrantRow> rows = new ArrayList<>();
        List<EntryContext> contexts = new ArrayList<>();
        String reward = Json.write(mapper, campaign.reward());
        for (String customer : customerIds) {
            String id = ids.next("grt");
            rows.add(GrantRow.campaign(new GrantRow.New(id, customer, campaign.agentId(), campaign.reasonCode(),
                    campaign.campaignId(), Channel.PROACTIVE, campaign.note(), campaign.reward().points(), reward,
                    campaign.unitValue(), campaign.category(), campaign.expiresAt(), campaign.apiKeyId(), now),
                    campaign.usageId(), campaign.campaignId()));
            contexts.add(new EntryContext(customer, id, campaign.reasonCode(), campaign.apiKeyId()));
            credits.put(customer, new Credit(id, null));
        }
        dao.insertAll(rows);
        if (campaign.reward().points() != null) {
            points.issueAll(tx, campaign.reward().points(), campaign.expiresAt(), contexts);
        } else {
            Map<String, String> codes = vouchers.issueAll(tx, campaign.reward().voucher(), campaign.expiresAt(), contexts);
            credits.replaceAll((customer, credit) -> new Credit(credit.grantId(), codes.get(credit.grantId())));
        }
        tally.credited(tx, customerIds, campaign.reward(), now, campaign.unitValue());
        tell(tx, campaign, rows);
        return credits;
    }

    /** One grant.issued event per grant made, with the campaign's message written for its customer. */
    private void tell(Tx tx, Campaign campaign, List<GrantRow> rows) {
        Map<String, GrantView> shown = views.of(rows);
        List<Events.NewEvent> told = new ArrayList<>(rows.size());
        for (GrantRow row : rows) {
            GrantView grant = shown.get(row.id());
            Map<String, String> values = new HashMap<>();
            values.put("customer_id", grant.customerId());
            values.put("points", grant.points() == null ? "" : grant.points().toString());
            values.put("voucher_code", grant.voucher() == null ? "" : grant.voucher().code());
            values.put("expires_at", grant.expiresAt().toString());
            values.put("campaign_name", campaign.note());
            told.add(new Events.NewEvent(EventType.GRANT_ISSUED, grant.customerId(), grant,
                    CampaignMessage.render(campaign.messageSubject(), campaign.messageBody(), values)));
        }
        events.recordAll(tx, told);
    }

    /** The campaign's issued grants after {@code after}, for revoking what nobody spent. */
    public List<String> issuedOfCampaign(String campaignId, String after, int limit) {
        return dao.issuedOfCampaign(campaignId, after, limit);
    }

    /**
     * What every grant of one campaign shares; {@code usageId} names the usage rows the chunk was
     * counted in (see GrantTally), null when it counts in none.
     */
    public record Campaign(String campaignId, String reasonCode, String category, String agentId, String note,
                           Reward reward, Long unitValue, Instant expiresAt, String apiKeyId, String usageId,
                           String messageSubject, String messageBody) {}

    public record Credit(String grantId, String voucherCode) {}
}
