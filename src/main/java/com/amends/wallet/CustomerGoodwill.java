package com.amends.wallet;

import com.amends.platform.Money;
import com.amends.policy.RecentGoodwill;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(name = "CustomerGoodwill", description = "Goodwill the customer has received over their lifetime")
public record CustomerGoodwill(
        @Schema(example = "3", description = "Grants issued (including ones later revoked)") long grants,
        @Schema(example = "1500", description = "Points granted") long points,
        @Schema(description = "Amount-voucher value granted, per currency") List<Money> voucherValue,
        @Schema(description = "Issued and pending goodwill in the last 90 days, valued in the accounting currency")
        RecentGoodwill lastNinetyDays) {}
