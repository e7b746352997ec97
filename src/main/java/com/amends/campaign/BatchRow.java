package com.amends.campaign;

import java.time.Instant;

public record BatchRow(String id, String campaignId, int rowCount, BatchStatus status, String leaseOwner, Instant leaseUntil,
                       Instant createdAt, Instant finishedAt) {

    boolean is(BatchStatus status) {
        return this.status == status;
    }
}
