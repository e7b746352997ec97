package com.amends.ledger;

/**
 * One posting of a journal entry: {@code amount} is added to the account's balance in {@code unit}
 * ({@code points} or an ISO currency). The lines of an entry sum to zero per unit.
 */
public record Line(String account, String unit, long amount, boolean wallet) {
    /** A posting to a wallet account, whose stored balance it moves under the no-negative guard. */
    public static Line wallet(String account, String unit, long amount) {
        return new Line(account, unit, amount, true);
    }

    public static Line system(String account, String unit, long amount) {
        return new Line(account, unit, amount, false);
    }
}
