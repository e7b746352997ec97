package com.amends.grant;

import com.amends.platform.Money;
import com.amends.voucher.VoucherView;
import io.swagger.v3.oas.annotations.media.Schema;
import com.amends.policy.RecentGoodwill;
import com.amends.reward.Reward;
import com.amends.policy.Violation;
import java.time.Instant;
import java.util.List;

@Schema(name = "Grant")
public record GrantView(
        @Schema(example = "grt_01JDQ3Z6M0N5X2K8R4T7V9W1YB") String id,
        GrantStatus status,
        @Schema(example = "shop-cust-42") String customerId,
        @Schema(example = "agent-7") String agentId,
        @Schema(example = "SHIPPING_DELAY") String reasonCode,
        @Schema(example = "ZD-1234") String caseRef,
        Channel channel,
        @Schema(nullable = true) String note,
        @Schema(nullable = true, example = "500", description = "Points granted, for a points grant") Long points,
        @Schema(nullable = true, description = "The voucher issued, for a voucher grant") VoucherView voucher,
        @Schema(description = "The reward granted, or asked for while the grant waits for approval") Reward reward,
        Instant expiresAt,
        Instant createdAt,
        @Schema(nullable = true, description = "What the grant is worth in the accounting currency; null when it cannot be valued")
        Money value,
        @Schema(description = "A deliberate second grant for an already compensated case") boolean topUp,
        @Schema(nullable = true, description = "Why it needs approval, and the decision") Approval approval,
        @Schema(nullable = true, description = "The customer's goodwill in the last 90 days (on single grants, not in lists)")
        RecentGoodwill customerRecentGoodwill,
        @Schema(nullable = true) Revocation revocation) {

    @Schema(name = "Approval")
    public record Approval(
            @Schema(description = "Every rule the grant broke") List<Violation> reasons,
            @Schema(nullable = true, example = "lead-2") String decidedBy,
            @Schema(nullable = true) Instant decidedAt,
            @Schema(nullable = true) String note) {}

    @Schema(name = "Revocation", description = "What a revocation took back; spent value is not clawed back")
    public record Revocation(
            Instant revokedAt,
            String reason,
            @Schema(nullable = true, description = "Unspent points taken out of the wallet") Long points,
            @Schema(nullable = true, description = "Unspent voucher value taken out of the wallet") Money value) {}
}
