package com.amends.grant;

import com.amends.customer.Customers;
import com.amends.reason.ReasonCodes;
import com.amends.reward.Reward;
import com.amends.reward.VoucherTerms;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;

@Schema(name = "CreateGrantRequest", description = "Give points or a voucher (at most one; neither gives the reason code's suggested reward) to a customer for a case")
public record CreateGrantRequest(
        @NotNull @Pattern(regexp = Customers.ID_PATTERN, message = Customers.ID_MESSAGE)
        @Schema(example = "shop-cust-42", requiredMode = Schema.RequiredMode.REQUIRED) String customerId,
        @NotNull @Pattern(regexp = Customers.AGENT_ID_PATTERN, message = Customers.ID_MESSAGE)
        @Schema(example = "agent-7", requiredMode = Schema.RequiredMode.REQUIRED) String agentId,
        @NotNull @Size(max = ReasonCodes.MAX_LENGTH) @Schema(example = "SHIPPING_DELAY", requiredMode = Schema.RequiredMode.REQUIRED)
        String reasonCode,
        @NotBlank @Size(max = 100) @Schema(example = "ZD-1234", description = "The helpdesk case this makes amends for",
                requiredMode = Schema.RequiredMode.REQUIRED) String caseRef,
        @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Channel channel,
        @Size(max = 2000) @Schema(example = "parcel 3 days late") String note,
        @Positive @Max(Reward.MAX_POINTS) @Schema(example = "500") Long points,
        @Valid VoucherTerms voucher,
        @Schema(description = "When the points or voucher expire; defaults to the reason code's validity")
        Instant expiresAt,
        @Schema(description = "A deliberate second grant for a case already compensated; it always needs approval")
        Boolean topUp) {

    /** The reward asked for, or null when the request leaves it to the reason code's suggestion. */
    public Reward reward() {
        return points == null && voucher == null ? null : new Reward(points, voucher);
    }

    public boolean isTopUp() {
        return Boolean.TRUE.equals(topUp);
    }
}
