package org.loyaltyterminal.hq.figures;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adds up flows counted per time slot into the period's local days, its weeks and its total.
 * A slot must lie within one local day (see {@link ReportPeriod#slotMinutes()}); a visit or an
 * enrolment is counted in one slot only, so the days add up to the weeks and to the total.
 * One per computation; not thread-safe.
 */
public final class FlowSeries {
    private final ReportPeriod period;
    private final Flows[] days;

    public FlowSeries(ReportPeriod period) {
        this.period = period;
        this.days = new Flows[Math.toIntExact(period.days())];
        Arrays.fill(days, Flows.ZERO);
    }

    /** Adds the flows of the slot that starts at {@code slot}, which lies within the period. */
    public void add(Instant slot, Flows flows) {
        LocalDate day = LocalDate.ofInstant(slot, period.zone());
        long index = ChronoUnit.DAYS.between(period.from(), day);
        if (index < 0 || index >= days.length) {
            throw new IllegalArgumentException("slot " + slot + " lies outside the period " + period);
        }
        days[(int) index] = days[(int) index].plus(flows);
    }

    public Flows total() {
        Flows total = Flows.ZERO;
        for (Flows day : days) {
            total = total.plus(day);
        }
        return total;
    }

    public List<SeriesPoint> days() {
        List<SeriesPoint> points = new ArrayList<>(days.length);
        for (int i = 0; i < days.length; i++) {
            LocalDate day = period.from().plusDays(i);
            points.add(new SeriesPoint(day, day.plusDays(1), days[i]));
        }
        return points;
    }

    /** Monday to Sunday; the first and the last week are cut to the period. */
    public List<SeriesPoint> weeks() {
        List<SeriesPoint> points = new ArrayList<>();
        LocalDate start = period.from();
        while (start.isBefore(period.to())) {
            LocalDate nextMonday = start.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            LocalDate end = nextMonday.isBefore(period.to()) ? nextMonday : period.to();
            Flows week = Flows.ZERO;
            for (LocalDate day = start; day.isBefore(end); day = day.plusDays(1)) {
                week = week.plus(days[(int) ChronoUnit.DAYS.between(period.from(), day)]);
            }
            points.add(new SeriesPoint(start, end, week));
            start = end;
        }
        return points;
    }
}
