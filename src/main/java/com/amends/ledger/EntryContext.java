package com.amends.ledger;

/** What a journal entry is about, kept on the entry so that history and reports need no joins. */
public record EntryContext(String customerId, String grantId, String reasonCode, String apiKeyId) {}
