package com.amends.voucher;

import com.amends.ledger.Accounts;
import com.amends.ledger.EntryContext;
import com.amends.ledger.EntryKind;
import com.amends.ledger.Ledger;
import com.amends.ledger.Line;
import com.amends.platform.Ids;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.reward.VoucherTerms;
import com.amends.reward.VoucherType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Issues vouchers for grants, one at a time or a campaign's chunk at once. An amount voucher's
 * value is credited to an account of its own; a percent voucher posts nothing until it is spent.
 */
public final class VoucherIssuer {
    private final VoucherDao dao;
    private final Ledger ledger;
    private final Ids ids;
    private final VoucherCodes codes;
    private final Clock clock;

    public VoucherIssuer(Transactor transactor, Ledger ledger, Ids ids, VoucherCodes codes, Clock clock) {
        this.dao = transactor.onDemand(VoucherDao.class);
        this.ledger = ledger;
        this.ids = ids;
        this.codes = codes;
        this.clock = clock;
    }

    /** Issues a voucher for a grant, inside the grant's transaction; answers its row as written, its value unspent. */
    public VoucherRow issue(Tx tx, VoucherTerms terms, Instant expiresAt, EntryContext context) {
        Instant now = clock.instant();
        String id = ids.next("vch");
        VoucherRow row = VoucherRow.issued(id, codes.next(), context.customerId(), context.grantId(), terms, expiresAt, now);
        dao.insert(row);
        if (row.isAmount()) {
            ledger.openVoucherAccount(tx, id, terms.currency(), context.customerId());
            long value = terms.value().amount();
            ledger.post(tx, EntryKind.GRANT_ISSUED, context, List.of(
                    Line.system(Accounts.goodwill(context.reasonCode()), terms.currency(), -value),
                    Line.wallet(Accounts.voucher(id), terms.currency(), value)));
        }
        return row;
    }

    /**
     * Issues one voucher on each of many grants at once (a campaign's chunk), with batched
     * statements; answers the codes, as customers read them, by grant id.
     */
    public Map<String, String> issueAll(Tx tx, VoucherTerms terms, Instant expiresAt, List<EntryContext> grants) {
        Instant now = clock.instant();
        boolean amount = terms.type() == VoucherType.AMOUNT;
        List<VoucherRow> rows = grants.stream().map(g -> VoucherRow.issued(ids.next("vch"), codes.next(), g.customerId(),
                g.grantId(), terms, expiresAt, now)).toList();
        dao.insertAll(rows);
        if (amount) {
            long value = terms.value().amount();
            ledger.openVoucherAccounts(tx, rows.stream().map(VoucherRow::id).toList(),
                    rows.stream().map(VoucherRow::customerId).toList(), terms.currency());
            List<Ledger.Entry> entries = new java.util.ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                EntryContext g = grants.get(i);
                entries.add(new Ledger.Entry(EntryKind.GRANT_ISSUED, g, List.of(
                        Line.system(Accounts.goodwill(g.reasonCode()), terms.currency(), -value),
                        Line.wallet(Accounts.voucher(rows.get(i).id()), terms.currency(), value))));
            }
            ledger.postAll(tx, entries);
        }
        return rows.stream().collect(Collectors.toMap(VoucherRow::grantId, r -> VoucherCodes.display(r.code())));
    }
}
