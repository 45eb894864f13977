package org.loyaltyterminal.core.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * The store's calendar day of the rule time, as the instants it spans: what "per day" limits and
 * the visits-per-day safeguard count in. A day is not always 24 hours (daylight saving).
 *
 * @param date  the day in the store's zone
 * @param start its first instant
 * @param end   the first instant of the next day
 */
record StoreDay(LocalDate date, Instant start, Instant end) {
    /** The day {@code local} falls on, in its zone. */
    static StoreDay of(ZonedDateTime local) {
        LocalDate date = local.toLocalDate();
        return new StoreDay(
                date,
                date.atStartOfDay(local.getZone()).toInstant(),
                date.plusDays(1).atStartOfDay(local.getZone()).toInstant());
    }

    /** The day of the situation's rule time in the store's zone. */
    static StoreDay of(Situation situation) {
        return of(situation.time().at().atZone(situation.zone()));
    }

    boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
