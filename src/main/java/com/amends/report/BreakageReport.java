package com.amends.report;

import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(name = "BreakageReport", description = "Value that expired unspent in [from, to), by reason and campaign")
public record BreakageReport(Instant from, Instant to, List<GroupedAmount> rows, List<GroupedAmount> totals,
                             List<Money> totalValue) {}
