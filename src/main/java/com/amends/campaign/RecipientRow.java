package com.amends.campaign;

public record RecipientRow(String batchId, int line, String campaignId, String customerId, String orderRef,
                           RecipientStatus status, String detail, String grantId) {

    /** A row as received: queued, or invalid with its problem. */
    static RecipientRow received(String batchId, int line, String campaignId, String customerId, String orderRef,
                                 String problem) {
        return new RecipientRow(batchId, line, campaignId, customerId, orderRef,
                problem == null ? RecipientStatus.QUEUED : RecipientStatus.INVALID, problem, null);
    }

    RecipientRow settle(RecipientStatus status, String detail, String grantId) {
        return new RecipientRow(batchId, line, campaignId, customerId, orderRef, status, detail, grantId);
    }

    RecipientStatus outcome() {
        return status;
    }
}
