package com.amends.campaign;

public record RecipientRow(String batchId, int line, String campaignId, String customerId, String orderRef,
                           String status, String detail, String grantId) {}
