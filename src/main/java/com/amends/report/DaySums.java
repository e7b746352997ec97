package com.amends.report;

import com.amends.platform.Transactor;
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
 * Summing happens when a report asks, one day per transaction, so a server idle for a while
 * catches up in short steps that do not hold up checkout.
 */
public final class DaySums {
    static final Duration SETTLE = Duration.ofMinutes(5);

    private final Transactor tx;
    private final DaySumsDao dao;
    private final Clock clock;

    public DaySums(Transactor tx, Clock clock) {
        this.tx = tx;
        this.dao = tx.onDemand(DaySumsDao.class);
        this.clock = clock;
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

    /** Sums every closed day not yet summed, and answers the last day summed. */
    public Optional<LocalDate> catchUp() {
        LocalDate lastClosed = day(clock.instant().minus(SETTLE)).minusDays(1);
        Optional<LocalDate> through = dao.summedThrough();
        if (through.isPresent() && !through.get().isBefore(lastClosed)) {
            return through;
        }
        Optional<Instant> first = dao.firstEntry();
        if (first.isEmpty()) {
            return through; // nothing written yet: no day can be called summed
        }
        LocalDate next = through.map(d -> d.plusDays(1)).orElse(day(first.get()));
        for (LocalDate d = next; !d.isAfter(lastClosed); d = d.plusDays(1)) {
            LocalDate day = d;
            tx.run(() -> {
                Optional<LocalDate> now = dao.lockSummedThrough();
                if (now.isPresent() && !now.get().isBefore(day)) {
                    return; // another request summed it meanwhile
                }
                dao.sumDay(day, start(day), start(day.plusDays(1)));
                dao.setSummedThrough(day);
            });
        }
        return lastClosed.isBefore(next) ? through : Optional.of(lastClosed);
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
