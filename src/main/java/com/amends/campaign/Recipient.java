package com.amends.campaign;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * One row of a batch as sent; it is checked when credited, so one bad row never stops the good
 * ones. A value longer than {@link #MAX_FIELD_LENGTH} is no id or reference at all, and refuses
 * the whole batch, so that what a batch may carry has a bound.
 */
@Schema(name = "Recipient", description = "A row: one not valid as a customer id (or with an order_ref over 100 "
        + "characters) is answered in the row's result, not refused with the batch")
public record Recipient(
        @Size(max = MAX_FIELD_LENGTH) @Schema(example = "shop-cust-42") String customerId,
        @Size(max = MAX_FIELD_LENGTH) @Schema(example = "order-981", description = "The affected order, kept with the row")
        String orderRef) {
    public static final int MAX_FIELD_LENGTH = 1000;
}
