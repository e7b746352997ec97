package com.amends.ledger;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "Posting")
public record PostingView(
        @Schema(example = "points:shop-cust-42",
                description = "points:<customer>, voucher:<voucher id>, or a system account such as goodwill:<reason code>")
        String account,
        @Schema(example = "points", description = "points, or an ISO 4217 currency") String unit,
        @Schema(example = "500", description = "Added to the account: positive in, negative out") long amount,
        @Schema(nullable = true, example = "1200", description = "The wallet account's balance after this posting")
        Long balanceAfter) {}
