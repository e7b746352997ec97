package com.amends.ledger;

import com.amends.platform.ApiException;
import com.amends.platform.Cursor;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Page;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only journal. Every change of value is one entry of postings that balance per unit;
 * wallet balances move in the same transaction under a guard that refuses to go below zero.
 * Callers run {@link #post} inside their own transaction, after the checks that may refuse.
 */
public final class Ledger {
    private final LedgerDao dao;
    private final Ids ids;
    private final Clock clock;

    public Ledger(Transactor transactor, Ids ids, Clock clock) {
        this.dao = transactor.onDemand(LedgerDao.class);
        this.ids = ids;
        this.clock = clock;
    }

    public void openPointsAccount(Tx tx, String customerId) {
        dao.open(Accounts.points(customerId), "customer_points", Accounts.POINTS, customerId, clock.instant());
    }

    public void openVoucherAccount(Tx tx, String voucherId, String currency, String customerId) {
        dao.open(Accounts.voucher(voucherId), "voucher", currency, customerId, clock.instant());
    }

    public void openHoldAccount(Tx tx, String holdId, String unit, String customerId) {
        dao.open(Accounts.hold(holdId), "hold", unit, customerId, clock.instant());
    }

    /**
     * Locks a wallet account for the rest of the transaction and answers its balance. Lock a
     * customer's points account before any of their lots, so that two transactions on one
     * customer always take their locks in the same order.
     */
    public long lock(Tx tx, String account) {
        return dao.lock(account).orElseThrow(() -> new IllegalStateException("no account " + account));
    }

    /** Locks a wallet account if it has been opened, answering its balance. */
    public Optional<Long> lockIfOpen(Tx tx, String account) {
        return dao.lock(account);
    }

    public long balance(String account) {
        return dao.balance(account).orElse(0L);
    }

    /**
     * Writes one balanced entry and answers its id. Lines of zero are left out, and when nothing
     * moves at all no entry is written and the answer is null.
     */
    public String post(Tx tx, EntryKind kind, EntryContext context, List<Line> lines) {
        lines = lines.stream().filter(line -> line.amount() != 0).toList();
        if (lines.isEmpty()) {
            return null;
        }
        requireBalanced(lines);
        String entryId = ids.next("jre");
        Instant now = clock.instant();
        dao.insertEntry(entryId, kind.wire(), context, now);
        List<PostingRow> postings = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            Long balanceAfter = null;
            if (line.wallet()) {
                Optional<Long> moved = dao.move(line.account(), line.amount());
                if (moved.isEmpty()) {
                    long balance = dao.balance(line.account())
                            .orElseThrow(() -> new IllegalStateException("no account " + line.account()));
                    throw new ApiException(ErrorCode.INSUFFICIENT_BALANCE,
                            "The balance is " + balance + " " + line.unit() + "; " + (-line.amount()) + " were asked for");
                }
                balanceAfter = moved.get();
            }
            postings.add(new PostingRow(entryId, i + 1, line.account(), line.unit(), line.amount(), balanceAfter,
                    grantOf(line, context), now));
        }
        dao.insertEntryPostings(postings);
        return entryId;
    }

    /** One entry of a batch: what {@link #post} takes, for many entries at once. */
    public record Entry(EntryKind kind, EntryContext context, List<Line> lines) {}

    /** Wallet accounts to open in one statement, e.g. the points accounts of a campaign's customers. */
    public void openPointsAccounts(Tx tx, List<String> customerIds) {
        dao.openAll(customerIds.stream()
                .map(c -> new LedgerDao.NewAccount(Accounts.points(c), "customer_points", Accounts.POINTS, c)).toList(),
                clock.instant());
    }

    public void openVoucherAccounts(Tx tx, List<String> voucherIds, List<String> customerIds, String currency) {
        List<LedgerDao.NewAccount> accounts = new ArrayList<>();
        for (int i = 0; i < voucherIds.size(); i++) {
            accounts.add(new LedgerDao.NewAccount(Accounts.voucher(voucherIds.get(i)), "voucher", currency,
                    customerIds.get(i)));
        }
        dao.openAll(accounts, clock.instant());
    }

    /**
     * Writes many entries with a handful of batched statements instead of a few statements
     * each: the same rows and the same guard as {@link #post}, for bulk crediting.
     */
    public void postAll(Tx tx, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<LedgerDao.NewEntry> rows = new ArrayList<>(entries.size());
        Map<String, Long> moves = new LinkedHashMap<>();
        for (Entry entry : entries) {
            requireBalanced(entry.lines());
            EntryContext c = entry.context();
            rows.add(new LedgerDao.NewEntry(ids.next("jre"), entry.kind().wire(), c.customerId(), c.grantId(),
                    c.reasonCode(), c.apiKeyId()));
            for (Line line : entry.lines()) {
                if (line.wallet()) {
                    moves.merge(line.account(), line.amount(), Math::addExact);
                }
            }
        }
        Instant now = clock.instant();
        dao.insertEntries(rows, now);
        // In account order, so two batches touching the same accounts lock them in the same order.
        List<LedgerDao.Move> byAccount = moves.entrySet().stream()
                .map(m -> new LedgerDao.Move(m.getKey(), m.getValue()))
                .sorted(java.util.Comparator.comparing(LedgerDao.Move::id)).toList();
        int[] moved = dao.moveAll(byAccount);
        for (int i = 0; i < moved.length; i++) {
            if (moved[i] == 0) {
                throw new ApiException(ErrorCode.INSUFFICIENT_BALANCE, "Account " + byAccount.get(i).id()
                        + " cannot go below zero");
            }
        }
        Map<String, Long> balance = new HashMap<>();
        List<String> accounts = new ArrayList<>(moves.keySet());
        for (int from = 0; from < accounts.size(); from += 1000) {
            for (LedgerDao.Move row : dao.balances(accounts.subList(from, Math.min(accounts.size(), from + 1000)))) {
                balance.put(row.id(), row.amount());
            }
        }
        // Balances were read after every movement; walk the entries backwards to get each one's "after".
        List<PostingRow> postings = new ArrayList<>();
        for (int e = entries.size() - 1; e >= 0; e--) {
            List<Line> lines = entries.get(e).lines();
            for (int i = lines.size() - 1; i >= 0; i--) {
                Line line = lines.get(i);
                Long after = null;
                if (line.wallet()) {
                    after = balance.get(line.account());
                    balance.put(line.account(), after - line.amount());
                }
                postings.add(new PostingRow(rows.get(e).id(), i + 1, line.account(), line.unit(), line.amount(), after,
                        grantOf(line, entries.get(e).context()), now));
            }
        }
        java.util.Collections.reverse(postings);
        dao.insertPostings(postings);
    }

    private static String grantOf(Line line, EntryContext context) {
        return line.grantId() != null ? line.grantId() : context.grantId();
    }

    static void requireBalanced(List<Line> lines) {
        Map<String, Long> sums = new HashMap<>();
        for (Line line : lines) {
            sums.merge(line.unit(), line.amount(), Math::addExact);
        }
        sums.forEach((unit, sum) -> {
            if (sum != 0) {
                throw new IllegalStateException("Unbalanced entry: " + unit + " sums to " + sum);
            }
        });
    }

    /** A customer's entries, newest first. */
    public Page<EntryView> history(String customerId, int limit, String cursor) {
        List<EntryRow> rows = dao.entriesOf(customerId, Cursor.decodeLong(cursor), limit + 1);
        Map<String, List<PostingView>> postings = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            for (PostingRow p : dao.postingsOf(rows.stream().map(EntryRow::id).toList())) {
                postings.computeIfAbsent(p.entryId(), k -> new ArrayList<>())
                        .add(new PostingView(p.accountId(), p.unit(), p.amount(), p.balanceAfter()));
            }
        }
        return Page.of(rows, limit, row -> Long.toString(row.seq()), row -> new EntryView(
                row.id(), row.kind(), row.createdAt(), row.grantId(), row.reasonCode(),
                postings.getOrDefault(row.id(), List.of())));
    }
}
