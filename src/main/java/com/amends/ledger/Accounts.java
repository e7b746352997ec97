package com.amends.ledger;

/**
 * Names of ledger accounts. Wallet accounts (a customer's points, each voucher) hold a stored
 * balance that may never go below zero. System accounts (goodwill expense by reason, revoked,
 * and those checkout adds) keep no stored balance: every grant or redemption would otherwise
 * queue on the same few rows, and their balances are always the sum of their postings.
 */
public final class Accounts {
    public static final String POINTS = "points";
    public static final String REVOKED = "revoked";

    private Accounts() {}

    public static String points(String customerId) {
        return "points:" + customerId;
    }

    public static String voucher(String voucherId) {
        return "voucher:" + voucherId;
    }

    public static String goodwill(String reasonCode) {
        return "goodwill:" + reasonCode;
    }
}
