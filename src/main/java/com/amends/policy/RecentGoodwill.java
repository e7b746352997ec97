package com.amends.policy;

import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "RecentGoodwill", description = "Goodwill the customer received lately (issued and pending), to spot a serial complainer")
public record RecentGoodwill(@Schema(example = "90") int days, @Schema(example = "2") long grants, Money value) {}
