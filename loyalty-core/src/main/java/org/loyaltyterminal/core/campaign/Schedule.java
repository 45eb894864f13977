package org.loyaltyterminal.core.campaign;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When in the week and the day a campaign applies, in the store's time zone: on the listed days
 * (all when empty) and between {@code from} inclusive and {@code until} exclusive. A window whose
 * {@code until} is earlier than its {@code from} runs over midnight and belongs to the day it starts
 * on: Friday 22:00 to 02:00 includes Saturday 01:00.
 */
public record Schedule(Set<DayOfWeek> days, Optional<LocalTime> from, Optional<LocalTime> until) {
    public static final Schedule ALWAYS = new Schedule(Set.of(), Optional.empty(), Optional.empty());

    public Schedule {
        // an EnumSet is a bit mask: asked for every campaign on every scan
        days = days.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(days));
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (from.isPresent() != until.isPresent()) {
            throw new IllegalArgumentException("hours need both \"from\" and \"until\"");
        }
        if (from.isPresent() && from.get().equals(until.get())) {
            throw new IllegalArgumentException("hours \"from\" and \"until\" must differ, were both " + from.get());
        }
    }

    public boolean contains(ZonedDateTime local) {
        if (from.isEmpty()) {
            return days.isEmpty() || days.contains(local.getDayOfWeek());
        }
        LocalTime time = local.toLocalTime();
        LocalTime start = from.get();
        LocalTime end = until.get();
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end) && dayMatches(local.getDayOfWeek());
        }
        // over midnight: the part after midnight belongs to the day before
        if (!time.isBefore(start)) {
            return dayMatches(local.getDayOfWeek());
        }
        return time.isBefore(end) && dayMatches(local.getDayOfWeek().minus(1));
    }

    public boolean contains(Instant at, ZoneId zone) {
        return contains(at.atZone(zone));
    }

    private boolean dayMatches(DayOfWeek day) {
        return days.isEmpty() || days.contains(day);
    }
}
