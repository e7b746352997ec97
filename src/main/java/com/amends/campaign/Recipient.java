package com.amends.campaign;

import io.swagger.v3.oas.annotations.media.Schema;

/** One row of a batch as sent; it is checked when credited, so one bad row never stops the good ones. */
@Schema(name = "Recipient")
public record Recipient(
        @Schema(example = "shop-cust-42") String customerId,
        @Schema(nullable = true, example = "order-981", description = "The affected order, kept with the row") String orderRef) {}
