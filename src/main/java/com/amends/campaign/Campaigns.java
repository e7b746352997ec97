package com.amends.campaign;

import com.amends.auth.Caller;
import com.amends.customer.Customers;
import com.amends.grant.Grants;
import com.amends.grant.RevokeGrantRequest;
import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Json;
import com.amends.platform.Money;
import com.amends.platform.Transactor;
import com.amends.policy.Policies;
import com.amends.reason.ReasonCode;
import com.amends.reason.ReasonCodes;
import com.amends.reward.Reward;
import com.amends.voucher.Vouchers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Proactive campaigns: one apology to many customers, each credited at most once. A batch is
 * stored as rows first (invalid ones settled at once), then credited a chunk at a time, each
 * chunk one transaction of batched statements under the campaign's row lock. Small batches are
 * credited before the answer; large ones by the worker, which any instance may run and which
 * picks up where a dead one stopped: a row is settled in the same transaction that credits it.
 */
public final class Campaigns {
    public static final int MAX_BATCH = 10_000;
    public static final int INLINE_BATCH = 1_000;
    static final int CHUNK = 2_000;
    static final int REVOKE_CHUNK = 200;
    private static final Pattern CUSTOMER_ID = Pattern.compile(Customers.ID_PATTERN);
    private static final Set<String> PLACEHOLDERS = Set.of("customer_id", "points", "voucher_code", "expires_at",
            "campaign_name");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

    private final Transactor tx;
    private final CampaignDao dao;
    private final ReasonCodes reasons;
    private final Customers customers;
    private final Grants grants;
    private final Vouchers vouchers;
    private final Policies policies;
    private final ObjectMapper mapper;
    private final Ids ids;
    private final Clock clock;

    public Campaigns(Transactor tx, ReasonCodes reasons, Customers customers, Grants grants, Vouchers vouchers,
                     Policies policies, ObjectMapper mapper, Ids ids, Clock clock) {
        this.tx = tx;
        this.dao = tx.onDemand(CampaignDao.class);
        this.reasons = reasons;
        this.customers = customers;
        this.grants = grants;
        this.vouchers = vouchers;
        this.policies = policies;
        this.mapper = mapper;
        this.ids = ids;
        this.clock = clock;
    }

    public CampaignView create(Caller caller, CreateCampaignRequest request) {
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
        Long unitValue = policies.value(reward).orElse(null);
        Long costCap = null;
        if (request.costCap() != null) {
            if (!request.costCap().currency().equals(policies.currency())) {
                throw ApiException.field(ErrorCode.CURRENCY_MISMATCH, "cost_cap.currency", "must be " + policies.currency());
            }
            if (unitValue == null) {
                throw ApiException.invalid("cost_cap", "needs a reward that can be valued in " + policies.currency());
            }
            costCap = request.costCap().amount();
        }
        MessageTemplate message = request.message();
        if (message != null) {
            checkPlaceholders("message.subject", message.subject());
            checkPlaceholders("message.body", message.body());
        }
        String id = ids.next("cmp");
        dao.insert(new CampaignRow(id, request.name().strip(), request.incidentRef().strip(), reason.code(),
                reason.category(), request.agentId(), Json.write(mapper, reward), unitValue, expiresAt, costCap,
                message == null ? null : message.subject(), message == null ? null : message.body(), "open", 0, 0, 0, 0,
                caller.keyId(), now, null, null, null, null, null, 0));
        return get(id);
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

    public CampaignView get(String id) {
        CampaignRow row = find(id);
        long queued = queued(row);
        Money unit = row.unitValue() == null ? null : new Money(row.unitValue(), policies.currency());
        return new CampaignView(row.id(), row.name(), row.incidentRef(), row.reasonCode(), row.agentId(),
                Json.read(mapper, row.reward(), Reward.class), row.expiresAt(),
                row.costCap() == null ? null : new Money(row.costCap(), policies.currency()),
                row.messageSubject() == null && row.messageBody() == null ? null
                        : new MessageTemplate(row.messageSubject(), row.messageBody()),
                row.status(), new CampaignView.Progress(row.received(), row.credited(), row.skipped(), row.failed(), queued),
                unit == null ? null : new Money(Math.multiplyExact(row.credited(), row.unitValue()), policies.currency()),
                unit, row.createdAt(), row.startedAt(), row.finishedAt(), row.closedAt(),
                row.revokeRequestedAt() == null ? null : new CampaignView.Revocation(row.revokeRequestedAt(),
                        row.revokeFinishedAt(), row.revokedGrants()));
    }

    /** Stores a batch and, when it is small, credits it before answering. */
    public BatchView receive(Caller caller, String campaignId, List<Recipient> recipients) {
        if (recipients.isEmpty() || recipients.size() > MAX_BATCH) {
            throw ApiException.invalid("recipients", "must hold 1 to " + MAX_BATCH + " rows");
        }
        String batchId = ids.next("cbt");
        tx.run(() -> {
            CampaignRow campaign = dao.lock(campaignId).orElseThrow(() -> notFound(campaignId));
            if (campaign.status().equals("closed")) {
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
                String problem = problem(recipient);
                invalid += problem == null ? 0 : 1;
                String customer = recipient == null || recipient.customerId() == null ? "" : recipient.customerId();
                rows.add(new RecipientRow(batchId, i + 1, campaignId, truncate(printable(customer), 100),
                        recipient == null ? null : truncate(printable(recipient.orderRef()), 100),
                        problem == null ? "queued" : "invalid",
                        problem, null));
            }
            dao.insertRecipients(rows);
            dao.addReceived(campaignId, recipients.size(), invalid);
        });
        if (recipients.size() <= INLINE_BATCH) {
            while (creditChunk(batchId)) {
                // until the batch is done
            }
        }
        return batch(campaignId, batchId);
    }

    private static String problem(Recipient recipient) {
        if (recipient == null || recipient.customerId() == null || recipient.customerId().isBlank()) {
            return "customer_id is blank";
        }
        if (recipient.customerId().length() > 64) {
            return "customer_id is longer than 64 characters";
        }
        if (!CUSTOMER_ID.matcher(recipient.customerId()).matches()) {
            return "customer_id may only hold A-Z, a-z, 0-9 and . _ : @ -";
        }
        if (recipient.orderRef() != null && recipient.orderRef().length() > 100) {
            return "order_ref is longer than 100 characters";
        }
        if (recipient.orderRef() != null && !recipient.orderRef().equals(printable(recipient.orderRef()))) {
            return "order_ref holds control characters";
        }
        return null;
    }

    /** What may be stored of a row as sent: control characters (NUL above all) become '?'. */
    private static String printable(String value) {
        return value == null ? null : value.replaceAll("\\p{Cntrl}", "?");
    }

    /**
     * Credits the next chunk of a batch in one transaction; answers whether rows are left.
     * Re-running it after a crash is safe: a row is settled in the transaction that credits it,
     * and the unique (campaign, customer) index is the last word on "at most one grant".
     */
    public boolean creditChunk(String batchId) {
        return tx.inTransaction(() -> {
            String campaignId = dao.batchCampaign(batchId);
            CampaignRow campaign = dao.lock(campaignId).orElseThrow();
            List<RecipientRow> rows = dao.queued(batchId, CHUNK);
            Instant now = clock.instant();
            if (rows.isEmpty()) {
                dao.batchDone(batchId, now);
                if (queued(campaign) == 0) {
                    dao.finished(campaignId, now);
                }
                return false;
            }
            if (!campaign.expiresAt().isAfter(now)) {
                List<RecipientRow> expired = rows.stream()
                        .map(row -> settle(row, "expired", "the campaign's reward has expired", null)).toList();
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
            Set<String> before = new HashSet<>(grants.creditedBy(campaignId, new ArrayList<>(first.keySet())));
            List<String> creditable = new ArrayList<>();
            for (RecipientRow row : first.values()) {
                if (!before.contains(row.customerId())) {
                    creditable.add(row.customerId());
                }
            }
            Room room = room(campaign, creditable.size(), now);
            List<String> credit = creditable.subList(0, room.fit());
            Map<String, Grants.CampaignCredit> credits = Map.of();
            if (!credit.isEmpty()) {
                customers.ensureAll(credit);
                credits = grants.creditAll(new Grants.CampaignGrants(campaignId, campaign.reasonCode(),
                        campaign.category(), campaign.agentId(), campaign.name(),
                        Json.read(mapper, campaign.reward(), Reward.class), campaign.unitValue(), campaign.expiresAt(),
                        campaign.apiKeyId(), room.usageKeys()), credit);
            }
            Map<String, RecipientRow> outcome = new HashMap<>();
            List<RecipientRow> settled = new ArrayList<>(rows.size());
            for (RecipientRow row : first.values()) {
                Grants.CampaignCredit made = credits.get(row.customerId());
                RecipientRow done;
                if (made != null) {
                    done = settle(row, "credited", null, made.grantId());
                } else if (before.contains(row.customerId())) {
                    done = settle(row, "already_credited", "credited by this campaign before", null);
                } else {
                    done = settle(row, room.status(), room.detail(), null);
                }
                outcome.put(row.customerId(), done);
                settled.add(done);
            }
            for (RecipientRow row : twice) {
                // A repeat shares its first row's fate: credited once, or stopped by the same limit.
                RecipientRow firstOutcome = outcome.get(row.customerId());
                settled.add(firstOutcome.status().equals("credited") || firstOutcome.status().equals("already_credited")
                        ? settle(row, "already_credited", "listed twice", null)
                        : settle(row, firstOutcome.status(), firstOutcome.detail(), null));
            }
            dao.settle(settled);
            dao.addProgress(campaignId, credits.size(), settled.size() - credits.size(), 0, now);
            return true;
        });
    }

    /** How many of {@code wanted} the cost cap and hard budgets leave room for, counting those against budgets. */
    private Room room(CampaignRow campaign, int wanted, Instant now) {
        if (wanted == 0) {
            return new Room(0, null, null, "");
        }
        long fit = wanted;
        String status = null;
        String detail = null;
        Long unit = campaign.unitValue();
        if (campaign.costCap() != null && unit != null && unit > 0) {
            long left = campaign.costCap() - Math.multiplyExact(campaign.credited(), unit);
            long byCap = Math.max(0, left / unit);
            if (byCap < fit) {
                fit = byCap;
                status = "cost_cap";
                detail = "the campaign's cost cap is reached";
            }
        }
        Policies.Bulk bulk = policies.commitBulk(campaign.category(), now, unit, fit);
        if (bulk.fit() < fit) {
            fit = bulk.fit();
            status = "budget_exhausted";
            detail = unit == null ? "the reward cannot be valued against the hard budget for " + campaign.category()
                    : "a hard budget for " + campaign.category() + " is spent";
        }
        return new Room((int) fit, status, detail, bulk.usageKeys());
    }

    private record Room(int fit, String status, String detail, String usageKeys) {}

    /** Every row received is queued until it is settled one way or another. */
    private static long queued(CampaignRow campaign) {
        return campaign.received() - campaign.credited() - campaign.skipped() - campaign.failed();
    }

    private static RecipientRow settle(RecipientRow row, String status, String detail, String grantId) {
        return new RecipientRow(row.batchId(), row.line(), row.campaignId(), row.customerId(), row.orderRef(), status,
                detail, grantId);
    }

    public BatchView batch(String campaignId, String batchId) {
        BatchRow batch = dao.batch(campaignId, batchId).orElseThrow(() ->
                new ApiException(ErrorCode.CAMPAIGN_NOT_FOUND, "Campaign " + campaignId + " has no batch " + batchId));
        Map<String, Long> counts = new java.util.TreeMap<>();
        dao.counts(batchId).forEach(c -> counts.put(c.status(), c.count()));
        List<BatchView.RecipientResult> results = null;
        if (batch.status().equals("done")) {
            List<RecipientRow> rows = dao.results(batchId);
            Map<String, String> codes = voucherCodes(rows);
            results = rows.stream().map(r -> new BatchView.RecipientResult(r.line(), r.customerId(), r.status(),
                    r.detail(), r.grantId(), r.grantId() == null ? null : codes.get(r.grantId()))).toList();
        }
        return new BatchView(batch.id(), campaignId, batch.status(), batch.rowCount(), counts, results,
                batch.createdAt(), batch.finishedAt());
    }

    private Map<String, String> voucherCodes(List<RecipientRow> rows) {
        List<String> grantIds = rows.stream().map(RecipientRow::grantId).filter(java.util.Objects::nonNull).toList();
        Map<String, String> codes = new HashMap<>();
        for (int from = 0; from < grantIds.size(); from += CHUNK) {
            vouchers.ofGrants(grantIds.subList(from, Math.min(grantIds.size(), from + CHUNK)))
                    .forEach((grant, voucher) -> codes.put(grant, voucher.code()));
        }
        return codes;
    }

    /** What a batch would do, computed without writing anything. */
    public PreviewView preview(String campaignId, List<Recipient> recipients) {
        CampaignRow campaign = find(campaignId);
        long invalid = 0;
        Set<String> unique = new java.util.LinkedHashSet<>();
        long twice = 0;
        for (Recipient recipient : recipients) {
            if (problem(recipient) != null) {
                invalid++;
            } else if (!unique.add(recipient.customerId())) {
                twice++;
            }
        }
        List<String> ids = new ArrayList<>(unique);
        long before = 0;
        for (int from = 0; from < ids.size(); from += CHUNK) {
            before += grants.creditedBy(campaignId, ids.subList(from, Math.min(ids.size(), from + CHUNK))).size();
        }
        long fresh = ids.size() - before;
        List<String> breaks = new ArrayList<>();
        long wouldCredit = fresh;
        Money total = null;
        var budgets = policies.budgetsOf(campaign.category(), clock.instant());
        if (campaign.unitValue() != null) {
            long unit = campaign.unitValue();
            total = new Money(Math.multiplyExact(fresh, unit), policies.currency());
            long queued = queued(campaign); // rows already waiting take the room first
            if (campaign.costCap() != null && unit > 0) {
                long room = Math.max(0, (campaign.costCap() - (campaign.credited() + queued) * unit) / unit);
                if (room < fresh) {
                    breaks.add("cost cap: room for " + room + " of " + fresh + " customers");
                    wouldCredit = Math.min(wouldCredit, room);
                }
            }
            for (var budget : budgets) {
                long left = budget.remaining().amount() - Math.multiplyExact(queued, unit);
                if (Math.multiplyExact(fresh, unit) > left) {
                    long room = unit == 0 ? fresh : Math.max(0, left / unit);
                    breaks.add(budget.mode() + " budget " + budget.scope() + ": room for " + room + " of " + fresh
                            + " customers");
                    if (budget.mode().equals("hard")) {
                        wouldCredit = Math.min(wouldCredit, room);
                    }
                }
            }
        }
        return new PreviewView(fresh, before + twice, invalid, total, wouldCredit, breaks, budgets);
    }

    public CampaignView close(String id) {
        find(id);
        dao.close(id, clock.instant());
        return get(id);
    }

    /**
     * Closes the campaign and asks the worker to revoke, grant by grant, whatever of its grants
     * nobody has spent: a hundred thousand revocations do not fit in one request.
     */
    public CampaignView revokeUnused(String id) {
        tx.run(() -> {
            dao.lock(id).orElseThrow(() -> notFound(id));
            dao.close(id, clock.instant());
            dao.requestRevoke(id, clock.instant());
        });
        return get(id);
    }

    /** Revokes up to one chunk of a campaign's issued grants, each in its own transaction; answers whether any were left. */
    public boolean revokeChunk(Caller worker, String campaignId) {
        List<String> issued = grants.issuedOfCampaign(campaignId, "", REVOKE_CHUNK);
        if (issued.isEmpty()) {
            tx.run(() -> dao.revokeFinished(campaignId, clock.instant()));
            return false;
        }
        for (String grant : issued) {
            tx.run(() -> {
                grants.revoke(worker, grant, new RevokeGrantRequest("unused campaign credit"));
                dao.addRevoked(campaignId, 1);
            });
        }
        return true;
    }

    public List<String> revoking() {
        return dao.revoking();
    }

    /**
     * A CSV batch: {@code customer_id[,order_ref]} a line, fields optionally in double quotes; a
     * first line whose first field is {@code customer_id} names the columns and is skipped, and
     * a leading byte-order mark (as spreadsheets write) is dropped.
     */
    public static List<Recipient> parseCsv(String csv) {
        if (csv.startsWith("\uFEFF")) {
            csv = csv.substring(1);
        }
        List<Recipient> recipients = new ArrayList<>();
        String[] lines = csv.split("\\r\\n|\\r|\\n", -1);
        int last = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        for (int i = 0; i < last; i++) {
            List<String> fields = csvFields(lines[i]);
            if (i == 0 && fields.get(0).strip().equalsIgnoreCase("customer_id")) {
                continue;
            }
            String order = fields.size() > 1 ? fields.get(1).strip() : null;
            recipients.add(new Recipient(fields.get(0).strip(), order == null || order.isEmpty() ? null : order));
        }
        return recipients;
    }

    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private CampaignRow find(String id) {
        return dao.find(id).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.CAMPAIGN_NOT_FOUND, "No campaign " + id);
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }


}
