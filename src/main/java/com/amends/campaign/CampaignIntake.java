package com.amends.campaign;

import com.amends.auth.Caller;
import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Json;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.policy.Judging;
import com.amends.reason.ReasonCode;
import com.amends.reason.ReasonCodes;
import com.amends.reward.Reward;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Proactive campaigns: one apology to many customers, each credited at most once. A campaign is
 * created, takes batches of recipients while open, and is closed. A batch is stored as rows first
 * (invalid ones settled at once); {@link CampaignCrediting} credits it a chunk at a time.
 */
public final class CampaignIntake {
    public static final int MAX_BATCH = 10_000;
    public static final int INLINE_BATCH = 1_000;
    private static final Set<String> PLACEHOLDERS = Set.of("customer_id", "points", "voucher_code", "expires_at",
            "campaign_name");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

    private final CampaignDao dao;
    private final ReasonCodes reasons;
    private final CampaignCrediting crediting;
    private final CampaignViews views;
    private final Judging judging;
    private final ObjectMapper mapper;
    private final Ids ids;
    private final Clock clock;

    public CampaignIntake(Transactor transactor, ReasonCodes reasons, CampaignCrediting crediting, CampaignViews views,
                          Judging judging, ObjectMapper mapper, Ids ids, Clock clock) {
        this.dao = transactor.onDemand(CampaignDao.class);
        this.reasons = reasons;
        this.crediting = crediting;
        this.views = views;
        this.judging = judging;
        this.mapper = mapper;
        this.ids = ids;
        this.clock = clock;
    }

    public CampaignView create(Tx tx, Caller caller, CreateCampaignRequest request) {
        tx.requireOpen();
        ReasonCode reason = reasons.requireActive(request.reasonCode());
        Reward reward = request.reward() != null ? request.reward() : reason.suggestedReward();
        if (reward == null) {
            throw ApiException.invalid("reward", "is required: reason code " + reason.code() + " suggests none");
        }
        reward.check("reward.");
        Instant now = clock.instant();
        Instant expiresAt = request.expiresAt() != null ? request.expiresAt()
                : now.plus(Duration.ofDays(reason.defaultValidityDays()));
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(Duration.ofDays(3660)))) {
            throw ApiException.invalid("expires_at", "must be in the future and within 3660 days");
        }
        Long unitValue = judging.value(reward).orElse(null);
        Long costCap = null;
        if (request.costCap() != null) {
            if (!request.costCap().currency().equals(judging.currency())) {
                throw ApiException.field(ErrorCode.CURRENCY_MISMATCH, "cost_cap.currency", "must be " + judging.currency());
            }
            if (unitValue == null) {
                throw ApiException.invalid("cost_cap", "needs a reward that can be valued in " + judging.currency());
            }
            costCap = request.costCap().amount();
        }
        MessageTemplate message = request.message();
        if (message != null) {
            checkPlaceholders("message.subject", message.subject());
            checkPlaceholders("message.body", message.body());
        }
        String id = ids.next("cmp");
        dao.insert(CampaignRow.open(id, request.name().strip(), request.incidentRef().strip(), reason.code(),
                reason.category(), request.agentId(), Json.write(mapper, reward), unitValue, expiresAt, costCap,
                message, caller.keyId(), now));
        return views.get(id);
    }

    private static void checkPlaceholders(String field, String text) {
        if (text == null) {
            return;
        }
        var matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                throw ApiException.invalid(field, "has an unknown placeholder {{" + matcher.group(1) + "}}; known: "
                        + String.join(", ", PLACEHOLDERS.stream().sorted().toList()));
            }
        }
    }

    /**
     * Stores a batch in the caller's transaction (the idempotent request's) and, when it is small,
     * credits it in that same transaction, so that the answer stored for a retry is the credited
     * batch; a large one is left to the worker, which credits each chunk in a transaction of its own.
     */
    public BatchView receive(Tx tx, String campaignId, List<Recipient> recipients) {
        if (recipients.isEmpty() || recipients.size() > MAX_BATCH) {
            throw ApiException.invalid("recipients", "must hold 1 to " + MAX_BATCH + " rows");
        }
        tx.requireOpen();
        String batchId = ids.next("cbt");
        CampaignRow campaign = dao.lock(campaignId).orElseThrow(() -> CampaignViews.notFound(campaignId));
        if (campaign.is(CampaignStatus.CLOSED)) {
            throw new ApiException(ErrorCode.CAMPAIGN_CLOSED, "Campaign " + campaignId + " is closed");
        }
        if (!campaign.expiresAt().isAfter(clock.instant())) {
            throw new ApiException(ErrorCode.CAMPAIGN_CLOSED, "Campaign " + campaignId + "'s reward expired at "
                    + campaign.expiresAt() + "; it credits nobody any more");
        }
        dao.insertBatch(batchId, campaignId, recipients.size(), clock.instant());
        List<RecipientRow> rows = new ArrayList<>(recipients.size());
        long invalid = 0;
        for (int i = 0; i < recipients.size(); i++) {
            Recipient recipient = recipients.get(i);
            String problem = RecipientCheck.problem(recipient);
            invalid += problem == null ? 0 : 1;
            String customer = recipient == null || recipient.customerId() == null ? "" : recipient.customerId();
            rows.add(RecipientRow.received(batchId, i + 1, campaignId, RecipientCheck.storable(customer),
                    recipient == null ? null : RecipientCheck.storable(recipient.orderRef()), problem));
        }
        dao.insertRecipients(rows);
        dao.addReceived(campaignId, recipients.size(), invalid);
        if (recipients.size() <= INLINE_BATCH) {
            while (crediting.creditChunk(tx, batchId)) {
                // until the batch is done
            }
        }
        return views.batch(campaignId, batchId);
    }

    public CampaignView close(Tx tx, String id) {
        tx.requireOpen();
        views.find(id);
        dao.close(id, clock.instant());
        return views.get(id);
    }
}
