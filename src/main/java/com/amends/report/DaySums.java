package com.amends.report;

import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Sums of closed UTC days, so that a report over a year reads a few hundred rows a day instead
 * of every posting. A day is summed once it has been over for {@link #SETTLE}: a transaction
 * that took its time before midnight has committed by then (and the clocks of several
 * instances agree far better than that), and nothing writes to the journal in the past.
 *
 * <p>A background job sums the closed days ({@link #sumClosedDays}), one day per transaction, so
 * a server idle for a while catches up in short steps that do not hold up checkout. Reports only
 * read: summed days from their sums, and any day not yet summed from its postings, so an answer
 * does not depend on whether the job has run. Each day's transaction also folds the day's
 * goodwill and redemption postings into each grant's outcome, which the effectiveness report
 * reads in the same way.
 */
public final class DaySums {
    static final Duration SETTLE = Duration.ofMinutes(5);

    private final Transactor transactor;
    private final DaySumsDao dao;
    private final GrantOutcomesDao outcomes;
    private final Clock clock;
    private final Duration approvalTimeout;

    /** {@code approvalTimeout}: how long after it was made a grant may still be approved, and so issued. */
    public DaySums(Transactor transactor, Clock clock, Duration approvalTimeout) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(DaySumsDao.class);
        this.outcomes = transactor.onDemand(GrantOutcomesDao.class);
        this.clock = clock;
        this.approvalTimeout = approvalTimeout;
    }

    /** A stretch of a report's period, read from day sums (whole days) or from the postings. */
    record Part(Instant from, Instant to, boolean summed) {
        LocalDate firstDay() {
            return day(from);
        }

        LocalDate endDay() {
            return day(to);
        }
    }

    /** Summed days [from, to) in one table: day_sums, or month_sums for whole months (from the first of each). */
    record Stretch(String table, LocalDate from, LocalDate to) {}

    /**
     * Splits summed days [from, to) into the days of the months it cuts and its whole months, which
     * are summed too (a month is summed with its last day). {@code byMonth} is false where a report
     * needs the day of each sum (by day or week), and all is read by day.
     */
    static List<Stretch> stretches(LocalDate from, LocalDate to, boolean byMonth) {
        Optional<Stretch> months = wholeMonths(from, to).filter(m -> byMonth);
        if (months.isEmpty()) {
            return List.of(new Stretch("day_sums", from, to));
        }
        List<Stretch> stretches = new ArrayList<>();
        if (from.isBefore(months.get().from())) {
            stretches.add(new Stretch("day_sums", from, months.get().from()));
        }
        stretches.add(months.get());
        if (months.get().to().isBefore(to)) {
            stretches.add(new Stretch("day_sums", months.get().to(), to));
        }
        return stretches;
    }

    /** The whole calendar months within days [from, to), from the first of the first to the first after the last. */
    static Optional<Stretch> wholeMonths(LocalDate from, LocalDate to) {
        LocalDate first = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate end = to.withDayOfMonth(1);
        return first.isBefore(end) ? Optional.of(new Stretch("month_sums", first, end)) : Optional.empty();
    }

    /** What {@link #sumClosedDays} did: how many days it summed, and the last day summed now. */
    public record Result(int days, Optional<LocalDate> summedThrough) {}

    /** The last day summed, if any. */
    Optional<LocalDate> summedThrough() {
        return dao.summedThrough();
    }

    /**
     * Sums every closed day not yet summed. Safe on several instances at once: each day is summed
     * under the lock of the one state row, by whoever takes it first.
     */
    public Result sumClosedDays() {
        LocalDate lastClosed = day(clock.instant().minus(SETTLE)).minusDays(1);
        Optional<LocalDate> through = dao.summedThrough();
        if (through.isPresent() && !through.get().isBefore(lastClosed)) {
            return new Result(0, through);
        }
        Optional<Instant> first = dao.firstEntry();
        if (first.isEmpty()) {
            return new Result(0, through); // nothing written yet: no day can be called summed
        }
        int summed = 0;
        LocalDate next = through.map(d -> d.plusDays(1)).orElse(day(first.get()));
        for (LocalDate day = next; !day.isAfter(lastClosed); day = day.plusDays(1)) {
            LocalDate closed = day;
            if (transactor.inTransaction(tx -> sumDay(tx, closed))) {
                summed++;
            }
        }
        return new Result(summed, dao.summedThrough());
    }

    /** Sums one day unless another instance did meanwhile; answers whether this one did. */
    private boolean sumDay(Tx tx, LocalDate day) {
        tx.requireOpen();
        Optional<LocalDate> now = dao.lockSummedThrough();
        if (now.isPresent() && !now.get().isBefore(day)) {
            return false;
        }
        dao.sumDay(day, start(day), start(day.plusDays(1)));
        // In the same transaction, so that a report sees a day in both or in neither.
        outcomes.foldDay(start(day), start(day.plusDays(1)));
        outcomes.countIdleDay(start(day).minus(approvalTimeout), start(day), start(day.plusDays(1)));
        if (day.plusDays(1).getDayOfMonth() == 1) {
            dao.sumMonth(day.withDayOfMonth(1), day.plusDays(1));
        }
        dao.setSummedThrough(day);
        return true;
    }

    /**
     * Splits [from, to) at the cuts into parts that each lie on one side of every cut: whole
     * summed days where it can, postings at the edges and after the last summed day.
     */
    static List<Part> parts(Instant from, Instant to, List<Instant> cuts, Optional<LocalDate> summedThrough) {
        TreeSet<Instant> bounds = new TreeSet<>(List.of(from, to));
        cuts.stream().filter(c -> c.isAfter(from) && c.isBefore(to)).forEach(bounds::add);
        List<Part> parts = new ArrayList<>();
        Instant a = bounds.first();
        for (Instant b : bounds.tailSet(a, false)) {
            split(a, b, summedThrough, parts);
            a = b;
        }
        return parts;
    }

    private static void split(Instant a, Instant b, Optional<LocalDate> summedThrough, List<Part> parts) {
        LocalDate firstWhole = start(day(a)).equals(a) ? day(a) : day(a).plusDays(1);
        LocalDate endWhole = day(b);
        if (summedThrough.isPresent() && endWhole.isAfter(summedThrough.get().plusDays(1))) {
            endWhole = summedThrough.get().plusDays(1);
        }
        if (summedThrough.isEmpty() || !firstWhole.isBefore(endWhole)) {
            parts.add(new Part(a, b, false));
            return;
        }
        if (a.isBefore(start(firstWhole))) {
            parts.add(new Part(a, start(firstWhole), false));
        }
        parts.add(new Part(start(firstWhole), start(endWhole), true));
        if (start(endWhole).isBefore(b)) {
            parts.add(new Part(start(endWhole), b, false));
        }
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
