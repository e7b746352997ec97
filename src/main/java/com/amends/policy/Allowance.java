package com.amends.policy;

import com.amends.platform.Money;
import com.amends.reward.Reward;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "Allowance", description = "What an agent may offer now, before they click")
public record Allowance(
        @Schema(nullable = true) Reward suggestedReward,
        @Schema(nullable = true, description = "The suggested reward's value") Money suggestedValue,
        @Schema(nullable = true, description = "The most this agent can grant now without approval; null when nothing limits it")
        Money maxWithoutApproval,
        @Schema(nullable = true, example = "daily_total", description = "The rule that sets that maximum") String limitedBy,
        @Schema(description = "Whether the suggested reward would need approval now") boolean suggestedNeedsApproval,
        @Schema(description = "Whether the suggested reward would be refused now (a hard budget)") boolean suggestedRefused,
        @Schema(nullable = true, description = "The grant that already compensated this case, if any") String compensatedBy,
        RecentGoodwill recentGoodwill) {}
