package com.amends.grant;

import com.amends.platform.Json;
import com.amends.platform.Money;
import com.amends.policy.Judging;
import com.amends.policy.RecentGoodwill;
import com.amends.policy.Violation;
import com.amends.reward.Reward;
import com.amends.voucher.VoucherView;
import com.amends.voucher.Vouchers;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Grants as the API shows them, one or a page at a time (one query for the page's vouchers). */
public final class GrantViews {
    private final Vouchers vouchers;
    private final Judging judging;
    private final ObjectMapper mapper;

    public GrantViews(Vouchers vouchers, Judging judging, ObjectMapper mapper) {
        this.vouchers = vouchers;
        this.judging = judging;
        this.mapper = mapper;
    }

    /** Views of these rows, by grant id, without the customer's recent goodwill (as lists show them). */
    Map<String, GrantView> of(List<GrantRow> rows) {
        Map<String, VoucherView> vouchersByGrant = vouchers.ofGrants(
                rows.stream().filter(r -> r.points() == null).map(GrantRow::id).toList());
        Map<String, GrantView> shown = new LinkedHashMap<>();
        rows.forEach(row -> shown.put(row.id(), view(row, vouchersByGrant.get(row.id()), null)));
        return shown;
    }

    GrantView view(GrantRow row, VoucherView voucher, RecentGoodwill recent) {
        GrantView.Revocation revocation = row.revokedAt() == null ? null : new GrantView.Revocation(
                row.revokedAt(), row.revokeReason(), row.revokedPoints(),
                row.revokedAmount() == null || voucher == null || voucher.value() == null
                        ? null : new Money(row.revokedAmount(), voucher.value().currency()));
        List<Violation> reasons = row.approvalReasons() == null
                ? List.of() : Json.read(mapper, row.approvalReasons(), new TypeReference<List<Violation>>() { });
        GrantView.Approval approval = reasons.isEmpty() && row.decidedAt() == null ? null
                : new GrantView.Approval(reasons, row.decidedBy(), row.decidedAt(), row.decisionNote());
        Reward reward = row.reward() == null ? null : Json.read(mapper, row.reward(), Reward.class);
        return new GrantView(row.id(), row.status(), row.customerId(), row.agentId(),
                row.reasonCode(), row.caseRef(), Channel.valueOf(row.channel().toUpperCase(Locale.ROOT)),
                row.note(), reward == null ? row.points() : reward.points(), voucher, reward, row.expiresAt(), row.createdAt(),
                row.valueAmount() == null ? null : new Money(row.valueAmount(), judging.currency()),
                row.topUp(), approval, recent, revocation);
    }
}
