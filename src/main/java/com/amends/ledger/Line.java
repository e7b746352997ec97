package com.amends.ledger;

/**
 * One posting of a journal entry: {@code amount} is added to the account's balance in {@code unit}
 * ({@code points} or an ISO currency). The lines of an entry sum to zero per unit.
 *
 * <p>{@code grantId} names the grant whose value the line moves, when it is not the entry's own
 * grant: one points redemption or expiry spends lots of several grants, and finance reports
 * (breakage, redemption rate) need each part under its own grant, reason and campaign.
 */
public record Line(String account, String unit, long amount, boolean wallet, String grantId) {
    /** A posting to a wallet account, whose stored balance it moves under the no-negative guard. */
    public static Line wallet(String account, String unit, long amount) {
        return new Line(account, unit, amount, true, null);
    }

    public static Line system(String account, String unit, long amount) {
        return new Line(account, unit, amount, false, null);
    }

    public Line forGrant(String grant) {
        return new Line(account, unit, amount, wallet, grant);
    }
}
