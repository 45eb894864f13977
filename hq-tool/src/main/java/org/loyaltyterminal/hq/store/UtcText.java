package org.loyaltyterminal.hq.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times as the database holds them: ISO-8601 UTC with exactly three fraction digits, so that
 * comparing the text compares the times (both dialects; PostgreSQL's columns use collation "C").
 */
public final class UtcText {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private UtcText() {}

    public static String of(Instant instant) {
        return FORMAT.format(instant);
    }

    /** An event's {@code wallTime} in that form, or null when missing or not an ISO-8601 time with offset. */
    static String ofEvent(String wallTime) {
        if (wallTime == null) {
            return null;
        }
        try {
            return of(OffsetDateTime.parse(wallTime).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
