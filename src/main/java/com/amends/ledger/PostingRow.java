package com.amends.ledger;

public record PostingRow(String entryId, int line, String accountId, String unit, long amount, Long balanceAfter) {}
