package com.amends.ledger;

/**
 * Names of ledger accounts. Wallet accounts (a customer's points, each voucher, each hold) hold a stored
 * balance that may never go below zero. System accounts (goodwill expense by reason, revoked,
 * redeemed, expired) keep no stored balance: every grant or redemption would otherwise
 * queue on the same few rows, and their balances are always the sum of their postings.
 */
public final class Accounts {
    public static final String POINTS = "points";
    public static final String REVOKED = "revoked";
    public static final String REDEEMED = "redeemed";
    public static final String EXPIRED = "expired";

    private Accounts() {}

    public static String points(String customerId) {
        return "points:" + customerId;
    }

    public static String voucher(String voucherId) {
        return "voucher:" + voucherId;
    }

    /** What a hold reserves sits in an account of its own until it is captured or released. */
    public static String hold(String holdId) {
        return "hold:" + holdId;
    }

    public static String goodwill(String reasonCode) {
        return "goodwill:" + reasonCode;
    }
}
