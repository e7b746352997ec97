package com.amends.wallet;

import com.amends.platform.Money;
import com.amends.reward.VoucherType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * What checkout needs to show a customer what they may spend, and nothing of how they came by
 * it: no grants, reasons, notes or agents, which are the helpdesk's business (the {@link Wallet}).
 */
@Schema(name = "CustomerBalance", description = "What a customer can spend at checkout now: points and their value, "
        + "and the vouchers usable now")
public record Balance(
        @Schema(example = "shop-cust-42") String customerId,
        Points points,
        @Schema(description = "Vouchers usable now (not expired, used up, revoked or held for another order), soonest "
                + "to expire first") List<UsableVoucher> vouchers) {

    @Schema(name = "BalancePoints")
    public record Points(
            @Schema(example = "1200", description = "Points the customer can spend now; points held for an order in "
                    + "checkout are not") long available,
            @Schema(description = "What the available points are worth at checkout, in each currency points have a "
                    + "value in") List<Money> value) {}

    @Schema(name = "UsableVoucher")
    public record UsableVoucher(
            @Schema(example = "7KQM-3XWD-9PFA-R2TN-H6VC", description = "What the customer types at checkout") String code,
            VoucherType type,
            @Schema(nullable = true, description = "Amount vouchers: what is left to spend now") Money remaining,
            @Schema(nullable = true, example = "15", description = "Percent vouchers: the percentage off one order")
            Integer percentOff,
            @Schema(nullable = true, description = "Percent vouchers: the most they take off, when capped") Money maxDiscount,
            Instant expiresAt) {}
}
