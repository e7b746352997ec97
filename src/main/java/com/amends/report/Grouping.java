package com.amends.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL a grouped sum is defined with: which columns give the day and up to two grant
 * attributes, and which postings count. Everything here is a column name or a condition written
 * in this class or in {@link Dimension}, never text from a request.
 *
 * @param day     the day column, or a typed null when no time bucket is asked for
 * @param first   the first grant attribute grouped by, or null
 * @param second  the second one, or null
 * @param keys    the grouping columns, each followed by a comma, or nothing
 * @param join    the join to the posting's grant where an attribute comes from there, or nothing
 * @param booked  which postings count
 */
record Grouping(String day, String first, String second, String keys, String join, String booked) {
    /**
     * Goodwill postings. Not {@code LIKE 'goodwill:%'}: H2 would answer that through the account
     * index, one row lookup per posting, several times slower than reading the table through.
     */
    static final String GOODWILL = "LEFT(p.account_id, 9) = 'goodwill:'";
    static final String EXPIRED = "p.account_id = 'expired'";
    /** The UTC day of a posting; the session runs in UTC while a report reads (see {@link PostingSumsDao#utc}). */
    private static final String POSTING_DAY = "CAST(p.created_at AS DATE)";
    private static final String NO_DAY = "CAST(NULL AS DATE)";
    private static final String NONE = "NULL";

    /**
     * @param booked            {@link #GOODWILL} or {@link #EXPIRED}
     * @param reasonFromAccount spend takes the reason from the goodwill account's name and needs no join for it
     * @param summed            whether it reads day sums, which carry the grant's attributes themselves
     */
    static Grouping of(List<Dimension> groupBy, String booked, boolean reasonFromAccount, boolean summed) {
        if (!booked.equals(GOODWILL) && !booked.equals(EXPIRED)) {
            throw new IllegalArgumentException("not a condition of this class: " + booked);
        }
        String day = NO_DAY;
        List<String> attributes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        boolean join = false;
        for (Dimension d : groupBy) {
            String column;
            if (d.isTime()) {
                column = summed ? "p.posted_on" : POSTING_DAY;
                day = column;
            } else if (d == Dimension.REASON && reasonFromAccount) {
                column = "p.account_id";
                attributes.add(column);
            } else {
                column = (summed ? "p." : "g.") + d.grantColumn;
                join |= !summed;
                attributes.add(column);
            }
            keys.add(column + ", ");
        }
        if (attributes.size() > 2) {
            throw new IllegalArgumentException("at most two grant attributes: " + groupBy);
        }
        return new Grouping(day, attributes.isEmpty() ? NONE : attributes.get(0),
                attributes.size() < 2 ? NONE : attributes.get(1), String.join("", keys),
                join ? "LEFT JOIN grants g ON g.id = p.grant_id" : "", booked);
    }

    /** The labels of one summed group, in the order of {@code groupBy}. */
    static List<String> labels(List<Dimension> groupBy, PostingSumsDao.GroupSum sum) {
        List<String> labels = new ArrayList<>(groupBy.size());
        int attribute = 0;
        for (Dimension d : groupBy) {
            if (d.isTime()) {
                labels.add(d.bucket(sum.onDay().toEpochDay()));
            } else {
                String value = attribute++ == 0 ? sum.firstKey() : sum.secondKey();
                labels.add(d == Dimension.REASON && value != null && value.startsWith("goodwill:")
                        ? value.substring("goodwill:".length()) : value);
            }
        }
        return labels;
    }
}
