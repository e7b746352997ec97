package com.amends.campaign;

import com.amends.platform.Money;
import com.amends.policy.BudgetView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(name = "CampaignPreview", description = "What a batch would do; nothing is changed")
public record PreviewView(
        @Schema(description = "Customers this batch would credit") long newCustomers,
        @Schema(description = "Customers this campaign credited already, or listed twice") long alreadyCredited,
        long invalid,
        @Schema(nullable = true) Money totalCost,
        @Schema(description = "Customers the cost cap and hard budgets leave room for") long wouldCredit,
        @Schema(description = "Limits the batch would hit, in words") List<String> breaks,
        @Schema(description = "The budgets the campaign counts against, this month") List<BudgetView> budgets) {}
