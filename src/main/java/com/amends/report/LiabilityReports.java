package com.amends.report;

import com.amends.platform.ApiException;
import com.amends.platform.Transactor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What customers could still spend at a moment, and how it moved since another: the wallets'
 * postings up to each, with the system accounts' postings in between saying where it went.
 */
public final class LiabilityReports {
    private final PostingSumsDao dao;
    private final DaySums daySums;
    private final Valuation valuation;

    public LiabilityReports(Transactor transactor, DaySums daySums, Valuation valuation) {
        this.dao = transactor.onDemand(PostingSumsDao.class);
        this.daySums = daySums;
        this.valuation = valuation;
    }

    public LiabilityReport liability(Instant from, Instant asOf) {
        if (from.isAfter(asOf)) {
            throw ApiException.invalid("from", "must not be after as_of");
        }
        // Everything up to and including as_of; the database keeps microseconds.
        Instant end = asOf.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
        Map<String, long[]> byUnit = new TreeMap<>();
        for (DaySums.Part part : DaySums.parts(Instant.EPOCH, end, List.of(from), daySums.summedThrough())) {
            // Each part lies wholly before from (opening balance) or wholly after it (movement).
            boolean opening = !part.to().isAfter(from);
            for (PostingSumsDao.LiabilitySum row : sums(part)) {
                long[] sums = byUnit.computeIfAbsent(row.unit(), unit -> new long[Movement.values().length]);
                if (opening) {
                    sums[Movement.OPENING.ordinal()] += row.wallets();
                } else {
                    sums[Movement.ISSUED.ordinal()] += row.issued();
                    sums[Movement.REDEEMED.ordinal()] += row.redeemed();
                    sums[Movement.EXPIRED.ordinal()] += row.expired();
                    sums[Movement.REVOKED.ordinal()] += row.revoked();
                }
                sums[Movement.CLOSING.ordinal()] += row.wallets();
                sums[Movement.HELD.ordinal()] += row.held();
            }
        }
        List<LiabilityReport.Movement> units = new ArrayList<>();
        byUnit.forEach((unit, sums) -> {
            long closing = sums[Movement.CLOSING.ordinal()];
            units.add(new LiabilityReport.Movement(unit, sums[Movement.OPENING.ordinal()], sums[Movement.ISSUED.ordinal()],
                    sums[Movement.REDEEMED.ordinal()], sums[Movement.EXPIRED.ordinal()], sums[Movement.REVOKED.ordinal()],
                    closing, sums[Movement.HELD.ordinal()], valuation.value(closing, unit)));
        });
        return new LiabilityReport(from, asOf, units,
                Valuation.perCurrency(units.stream().map(LiabilityReport.Movement::closingValue).toList()));
    }

    private enum Movement { OPENING, ISSUED, REDEEMED, EXPIRED, REVOKED, CLOSING, HELD }

    private List<PostingSumsDao.LiabilitySum> sums(DaySums.Part part) {
        if (!part.summed()) {
            return dao.liabilityFromPostings(part.from(), part.to());
        }
        List<PostingSumsDao.LiabilitySum> rows = new ArrayList<>();
        DaySums.stretches(part.firstDay(), part.endDay(), true).forEach(s -> rows.addAll(dao.liabilityFromDaySums(s)));
        return rows;
    }
}
