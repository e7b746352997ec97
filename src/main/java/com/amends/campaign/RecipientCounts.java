package com.amends.campaign;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * What became of a batch's rows, or in a preview what would: the campaign's own counts
 * ({@link CampaignView.Counts}) under the same names, with what was skipped told apart.
 */
@Schema(name = "RecipientCounts", description = "Rows by what became of them (in a preview: what would); "
        + "received = queued + credited + skipped + invalid, and skipped = already_credited + cost_cap + "
        + "budget_exhausted + expired")
public record RecipientCounts(
        @Schema(example = "3", description = "Rows received") long received,
        @Schema(example = "0", description = "Rows waiting to be credited") long queued,
        @Schema(example = "2", description = "Rows whose customer was credited") long credited,
        @Schema(example = "1", description = "Valid rows not credited, for one of the reasons below") long skipped,
        @Schema(example = "0", description = "Rows refused as invalid; their results say why") long invalid,
        @Schema(example = "1", description = "Skipped: this campaign credited the customer before, or the batch lists "
                + "them twice") long alreadyCredited,
        @Schema(example = "0", description = "Skipped: the campaign's cost cap is reached") long costCap,
        @Schema(example = "0", description = "Skipped: a hard budget is spent") long budgetExhausted,
        @Schema(example = "0", description = "Skipped: the campaign's reward expired before the row was credited")
        long expired) {

    static RecipientCounts of(Map<RecipientStatus, Long> byStatus) {
        long already = byStatus.getOrDefault(RecipientStatus.ALREADY_CREDITED, 0L);
        long cap = byStatus.getOrDefault(RecipientStatus.COST_CAP, 0L);
        long budget = byStatus.getOrDefault(RecipientStatus.BUDGET_EXHAUSTED, 0L);
        long expired = byStatus.getOrDefault(RecipientStatus.EXPIRED, 0L);
        long queued = byStatus.getOrDefault(RecipientStatus.QUEUED, 0L);
        long credited = byStatus.getOrDefault(RecipientStatus.CREDITED, 0L);
        long invalid = byStatus.getOrDefault(RecipientStatus.INVALID, 0L);
        long skipped = already + cap + budget + expired;
        return new RecipientCounts(queued + credited + skipped + invalid, queued, credited, skipped, invalid, already, cap,
                budget, expired);
    }
}
