package org.loyaltyterminal.hq.figures;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The days figures are computed for, {@code [from, to)} in local dates of {@code zone}: from the
 * start of day {@code from} up to, not including, the start of day {@code to}. Local days follow
 * the zone's daylight-saving changes (a day may last 23 or 25 hours).
 */
public record ReportPeriod(LocalDate from, LocalDate to, ZoneId zone) {
    /** Without dates: the 30 days ending with today. */
    public static final int DEFAULT_DAYS = 30;
    /** Three years, leap day included: a longer period is refused (its series and its scan grow with it). */
    public static final int MAX_DAYS = 1096;

    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 1, 1);

    public ReportPeriod {
        if (!from.isBefore(to)) {
            throw new FiguresRequestException("the period must end after it starts: 'to' is the first day after it");
        }
        if (from.isBefore(EARLIEST) || to.isAfter(LATEST)) {
            throw new FiguresRequestException("the period must lie between " + EARLIEST + " and " + LATEST);
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw new FiguresRequestException("the period may last at most " + MAX_DAYS + " days (three years)");
        }
        if (!offsets(zone, from, to).stream().allMatch(offset -> offset.getTotalSeconds() % 60 == 0)) {
            throw new FiguresRequestException(
                    "time zone " + zone.getId() + " is offset from UTC by seconds, not whole minutes; give another");
        }
    }

    /**
     * The period the dates given ask for: both; one of them and the {@value #DEFAULT_DAYS} days
     * after {@code from} or before {@code to}; or neither: the {@value #DEFAULT_DAYS} days ending
     * with today.
     */
    public static ReportPeriod of(Optional<LocalDate> from, Optional<LocalDate> to, LocalDate today, ZoneId zone) {
        LocalDate end = to.orElseGet(
                () -> from.map(start -> start.plusDays(DEFAULT_DAYS)).orElse(today.plusDays(1)));
        LocalDate start = from.orElseGet(() -> end.minusDays(DEFAULT_DAYS));
        return new ReportPeriod(start, end, zone);
    }

    /** The {@code days} days ending with {@code today} (today included, so far as it has gone). */
    public static ReportPeriod lastDays(int days, LocalDate today, ZoneId zone) {
        return new ReportPeriod(today.plusDays(1).minusDays(days), today.plusDays(1), zone);
    }

    /** A date as the CLI and the HTTP endpoint take it: {@code 2026-03-01}. */
    public static LocalDate date(String what, String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new FiguresRequestException(what + " must be a date like 2026-03-01");
        }
        // checked here already, so that the defaults' arithmetic cannot overflow
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new FiguresRequestException(what + " must lie between " + EARLIEST + " and " + LATEST);
        }
        return date;
    }

    /** A zone id ({@code Europe/Berlin}, {@code UTC}). */
    public static ZoneId zone(String what, String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new FiguresRequestException(what + " must be a time zone like Europe/Berlin or UTC");
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to);
    }

    /** The last day of the period (the day before {@code to}). */
    public LocalDate lastDay() {
        return to.minusDays(1);
    }

    public Instant start() {
        return startOf(from);
    }

    public Instant end() {
        return startOf(to);
    }

    /** The start of the period of the same length just before this one, for retention. */
    public Instant previousStart() {
        return startOf(from.minusDays(days()));
    }

    /** The start of the {@code days} days ending with the period's last day, for active members. */
    public Instant windowStart(int days) {
        return startOf(to.minusDays(days));
    }

    /**
     * How long the database's time slots are, in minutes, so that each lies within one local day:
     * 15 when every UTC offset the zone has over the period is a whole number of quarter hours
     * (true of every named zone since 1990), else 1 (a fixed offset such as +00:20).
     */
    public int slotMinutes() {
        return offsets(zone, from, to).stream().allMatch(offset -> offset.getTotalSeconds() % (15 * 60) == 0) ? 15 : 1;
    }

    /** The UTC offsets the zone has over the period's days (a day either side, whatever the offset). */
    private static List<ZoneOffset> offsets(ZoneId zone, LocalDate from, LocalDate to) {
        ZoneRules rules = zone.getRules();
        Instant start = from.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ZoneOffset> offsets = new ArrayList<>();
        offsets.add(rules.getOffset(start));
        for (ZoneOffsetTransition t = rules.nextTransition(start);
                t != null && t.getInstant().isBefore(end);
                t = rules.nextTransition(t.getInstant())) {
            offsets.add(t.getOffsetAfter());
        }
        return offsets;
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }
}
