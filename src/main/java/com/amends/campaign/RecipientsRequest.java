package com.amends.campaign;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

@Schema(name = "RecipientsRequest", description = "Up to 10,000 customers; also accepted as text/csv (customer_id[,order_ref] a line)")
public record RecipientsRequest(
        @NotNull @Size(min = 1, max = CampaignIntake.MAX_BATCH) List<@Valid Recipient> recipients) {}
