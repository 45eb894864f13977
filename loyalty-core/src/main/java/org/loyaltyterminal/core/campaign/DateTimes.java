package org.loyaltyterminal.core.campaign;

import static org.loyaltyterminal.core.campaign.JsonText.quote;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The date-times a campaign file holds ({@code validFrom}, {@code validUntil}): RFC 3339, as the
 * published schema's {@code format: date-time} and pattern say. That is ISO-8601 with a T, seconds
 * and an offset; at most nine digits of fraction (what an {@link Instant} holds); an offset from
 * -18:00 to +18:00 (what a {@link java.time.ZoneOffset} holds); and not {@code -00:00}, which RFC
 * 3339 reserves for an unknown offset and so is as ambiguous as a local time. Java's own ISO
 * parser alone would also take a time without seconds, an offset with seconds and a bare '.'.
 */
final class DateTimes {

    private static final Pattern RFC_3339 = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");
    private static final String UNKNOWN_OFFSET = "-00:00";

    private DateTimes() {}

    /** The instant {@code text} names; empty when it is no date-time of that form, or no real date. */
    static Optional<Instant> parse(String text) {
        if (!RFC_3339.matcher(text).matches() || text.endsWith(UNKNOWN_OFFSET)) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeException notADate) {
            return Optional.empty();
        }
    }

    /** What is wrong with {@code text}, which {@link #parse} refused. */
    static String problem(String text) {
        if (RFC_3339.matcher(text).matches() && text.endsWith(UNKNOWN_OFFSET)) {
            return "has the offset \"-00:00\", which means an unknown offset; write \"Z\" or \"+00:00\" for UTC, was "
                    + quote(text);
        }
        if (parses(() -> LocalDateTime.parse(text)) || parses(() -> LocalDate.parse(text))) {
            String suggested = text.contains("T") ? text : text + "T00:00:00";
            return "needs a UTC offset, e.g. \"" + suggested + "+01:00\" or \"" + suggested + "Z\", was " + quote(text)
                    + "; a local time is ambiguous on a till whose clock zone may be wrong";
        }
        return "must be an ISO-8601 date-time with offset such as \"2026-01-01T00:00:00+01:00\", was " + quote(text);
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
