package com.amends.report;

import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(name = "GoodwillSpendReport", description = "Goodwill issued in [from, to): value booked as goodwill expense, "
        + "net of refunds of percent-voucher discounts")
public record SpendReport(Instant from, Instant to, List<String> groupBy, List<GroupedAmount> rows,
                          @Schema(description = "Per unit, over every group") List<GroupedAmount> totals,
                          @Schema(description = "Per currency, points included at their value") List<Money> totalValue) {}
