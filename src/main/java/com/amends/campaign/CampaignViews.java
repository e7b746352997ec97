package com.amends.campaign;

import com.amends.platform.ApiException;
import com.amends.platform.Cursor;
import com.amends.platform.ErrorCode;
import com.amends.platform.Json;
import com.amends.platform.ListConditions;
import com.amends.platform.Money;
import com.amends.platform.Page;
import com.amends.platform.Transactor;
import com.amends.reward.Reward;
import com.amends.voucher.Vouchers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A campaign and its batches as clients see them. */
public final class CampaignViews {
    static final int CODES_AT_ONCE = 2_000;

    private final CampaignDao dao;
    private final Vouchers vouchers;
    private final ObjectMapper mapper;
    private final String currency;

    public CampaignViews(Transactor transactor, Vouchers vouchers, ObjectMapper mapper, String currency) {
        this.dao = transactor.onDemand(CampaignDao.class);
        this.vouchers = vouchers;
        this.mapper = mapper;
        this.currency = currency;
    }

    public CampaignView get(String id) {
        return view(find(id));
    }

    /** Newest first, as every list. */
    public Page<CampaignView> list(CampaignStatus status, int limit, String cursor) {
        String before = Optional.ofNullable(Cursor.decode(cursor)).orElse("~");
        CampaignDao.Filter filter = new CampaignDao.Filter(status);
        String conditions = new ListConditions("id").equal("status", "status", status).where();
        return Page.of(dao.list(conditions, filter, before, limit + 1), limit, CampaignRow::id, this::view);
    }

    private CampaignView view(CampaignRow row) {
        Money unit = row.unitValue() == null ? null : new Money(row.unitValue(), currency);
        return new CampaignView(row.id(), row.name(), row.incidentRef(), row.reasonCode(), row.agentId(),
                Json.read(mapper, row.reward(), Reward.class), row.expiresAt(),
                row.costCap() == null ? null : new Money(row.costCap(), currency),
                row.messageSubject() == null && row.messageBody() == null ? null
                        : new MessageTemplate(row.messageSubject(), row.messageBody()),
                row.status().wire(), new CampaignView.Counts(row.received(), row.queued(), row.credited(), row.skipped(),
                        row.failed()),
                unit == null ? null : new Money(Math.multiplyExact(row.credited(), row.unitValue()), currency),
                unit, row.createdAt(), row.startedAt(), row.finishedAt(), row.closedAt(),
                row.revokeRequestedAt() == null ? null : new CampaignView.Revocation(row.revokeRequestedAt(),
                        row.revokeFinishedAt(), row.revokedGrants()));
    }

    public BatchView batch(String campaignId, String batchId) {
        return batch(campaignId, batchId, true);
    }

    /** The batch with its counts but without its rows' results, which may be ten thousand. */
    public BatchView batchSummary(String campaignId, String batchId) {
        return batch(campaignId, batchId, false);
    }

    private BatchView batch(String campaignId, String batchId, boolean withResults) {
        BatchRow batch = dao.batch(campaignId, batchId).orElseThrow(() ->
                new ApiException(ErrorCode.CAMPAIGN_NOT_FOUND, "Campaign " + campaignId + " has no batch " + batchId));
        Map<RecipientStatus, Long> counts = new EnumMap<>(RecipientStatus.class);
        dao.counts(batchId).forEach(c -> counts.put(c.status(), c.count()));
        List<BatchView.RecipientResult> results = null;
        if (withResults && batch.is(BatchStatus.DONE)) {
            List<RecipientRow> rows = dao.results(batchId);
            Map<String, String> codes = voucherCodes(rows);
            results = rows.stream().map(r -> new BatchView.RecipientResult(r.line(), r.customerId(), r.status().wire(),
                    r.detail(), r.grantId(), r.grantId() == null ? null : codes.get(r.grantId()))).toList();
        }
        return new BatchView(batch.id(), campaignId, batch.status().wire(), RecipientCounts.of(counts), results,
                batch.createdAt(), batch.finishedAt());
    }

    private Map<String, String> voucherCodes(List<RecipientRow> rows) {
        List<String> grantIds = rows.stream().map(RecipientRow::grantId).filter(Objects::nonNull).toList();
        Map<String, String> codes = new HashMap<>();
        for (int from = 0; from < grantIds.size(); from += CODES_AT_ONCE) {
            vouchers.ofGrants(grantIds.subList(from, Math.min(grantIds.size(), from + CODES_AT_ONCE)))
                    .forEach((grant, voucher) -> codes.put(grant, voucher.code()));
        }
        return codes;
    }

    CampaignRow find(String id) {
        return dao.find(id).orElseThrow(() -> notFound(id));
    }

    static ApiException notFound(String id) {
        return new ApiException(ErrorCode.CAMPAIGN_NOT_FOUND, "No campaign " + id);
    }
}
