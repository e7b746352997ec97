package com.amends.ledger;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(name = "Reconciliation", description = "Whether the books balance; each list shows at most 100 findings")
public record Reconciliation(
        @Schema(description = "True when nothing below was found") boolean ok,
        Instant checkedAt,
        long entriesChecked,
        long postingsChecked,
        long accountsChecked,
        @Schema(description = "Entries whose postings do not sum to zero in some unit") List<UnbalancedEntry> unbalancedEntries,
        @Schema(description = "Entries with no postings at all") List<String> entriesWithoutPostings,
        @Schema(description = "Wallet accounts whose stored balance is not the sum of their postings")
        List<BalanceMismatch> balanceMismatches,
        List<NegativeBalance> negativeBalances,
        @Schema(description = "Customers whose points balance differs from what is left in their lots")
        List<LotMismatch> lotMismatches) {

    @Schema(name = "UnbalancedEntry")
    public record UnbalancedEntry(String entryId, String unit, long total) {}

    @Schema(name = "BalanceMismatch")
    public record BalanceMismatch(String account, String unit, long storedBalance, long postedBalance) {}

    @Schema(name = "NegativeBalance")
    public record NegativeBalance(String account, String unit, long balance) {}

    @Schema(name = "LotMismatch")
    public record LotMismatch(String customerId, long accountBalance, long lotsRemaining) {}
}
