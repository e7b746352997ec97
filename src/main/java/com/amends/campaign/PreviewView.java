package com.amends.campaign;

import com.amends.platform.Money;
import com.amends.policy.BudgetView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(name = "CampaignPreview", description = "What a batch would do; nothing is changed")
public record PreviewView(
        @Schema(description = "The rows as the batch would settle them now, by the names a batch answers with; "
                + "nothing is queued in a preview") RecipientCounts counts,
        @Schema(nullable = true, description = "What crediting every customer new to the campaign would cost, before "
                + "the limits; null when the reward cannot be valued") Money totalCost,
        @Schema(description = "Limits the batch would hit, in words") List<String> breaks,
        @Schema(description = "The budgets the campaign counts against, this month") List<BudgetView> budgets) {}
