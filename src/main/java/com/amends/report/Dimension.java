package com.amends.report;

import com.amends.platform.ApiException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a report can group by. Grant attributes come from the grant a posting belongs to; time
 * buckets are UTC days, ISO weeks (2026-W47) and months (2026-11), built from the day of the
 * posting so that one SQL grouping serves all three.
 */
public enum Dimension {
    REASON("reason_code"), CATEGORY("category"), AGENT("agent_id"), CHANNEL("channel"), CAMPAIGN("campaign_id"),
    DAY(null), WEEK(null), MONTH(null);

    /** What the spend report groups by. */
    static final List<Dimension> SPEND = List.of(values());
    /** What the effectiveness report groups by: grants are made at a time of their own, not bucketed. */
    static final List<Dimension> EFFECTIVENESS = List.of(REASON, CATEGORY, AGENT, CHANNEL, CAMPAIGN);

    /** The grants column, for grant attributes. */
    final String grantColumn;

    Dimension(String grantColumn) {
        this.grantColumn = grantColumn;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean isTime() {
        return grantColumn == null;
    }

    /** The label of a UTC day number in this time bucket. */
    String bucket(long epochDay) {
        LocalDate day = LocalDate.ofEpochDay(epochDay);
        return switch (this) {
            case DAY -> day.toString();
            case WEEK -> String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                    day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> YearMonth.from(day).toString();
            default -> throw new IllegalStateException(this + " is not a time bucket");
        };
    }

    /** Parses {@code group_by=reason,month}: one or two dimensions, at most one of them a time bucket. */
    static List<Dimension> parse(String groupBy, List<Dimension> allowed, int max) {
        if (groupBy == null || groupBy.isBlank()) {
            throw ApiException.invalid("group_by", "is required: one or two of " + names(allowed));
        }
        List<Dimension> dimensions = new ArrayList<>();
        for (String part : groupBy.split(",", -1)) {
            Dimension d = Arrays.stream(values()).filter(v -> v.wire().equals(part.strip())).findFirst()
                    .filter(allowed::contains)
                    .orElseThrow(() -> ApiException.invalid("group_by", "takes " + names(allowed) + "; got '"
                            + (part.length() > 40 ? part.substring(0, 40) + "…" : part) + "'"));
            if (dimensions.contains(d)) {
                throw ApiException.invalid("group_by", "names " + d.wire() + " twice");
            }
            dimensions.add(d);
        }
        if (dimensions.size() > max) {
            throw ApiException.invalid("group_by", "takes at most " + max + " dimensions");
        }
        if (dimensions.stream().filter(Dimension::isTime).count() > 1) {
            throw ApiException.invalid("group_by", "takes at most one of day, week and month");
        }
        return dimensions;
    }

    static String names(List<Dimension> dimensions) {
        return String.join(", ", dimensions.stream().map(Dimension::wire).toList());
    }
}
