package org.loyaltyterminal.terminal.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The event's local time and a space when run by hand; nothing under systemd, whose journal stamps
 * every line itself (a second time stamp would only disagree with the first).
 */
public final class ConsoleTimeConverter extends ClassicConverter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS ");
    private final boolean journal = JournalStream.stdoutIsJournal();
    private final ZoneId zone = ZoneId.systemDefault();

    @Override
    public String convert(ILoggingEvent event) {
        return journal
                ? ""
                : TIME.format(Instant.ofEpochMilli(event.getTimeStamp()).atZone(zone));
    }
}
