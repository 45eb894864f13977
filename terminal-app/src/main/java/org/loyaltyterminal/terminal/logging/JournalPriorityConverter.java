package org.loyaltyterminal.terminal.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Prefixes each line with its syslog priority ({@code <3>} error ... {@code <7>} debug) when
 * stdout is connected to the systemd journal, so {@code journalctl -p warning} works. systemd
 * sets JOURNAL_STREAM for a service whose output goes to the journal; on a terminal the prefix
 * is left out.
 */
public final class JournalPriorityConverter extends ClassicConverter {
    private final boolean journal = System.getenv("JOURNAL_STREAM") != null;

    @Override
    public String convert(ILoggingEvent event) {
        if (!journal) {
            return "";
        }
        Level level = event.getLevel();
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return "<3>";
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return "<4>";
        }
        if (level.isGreaterOrEqual(Level.INFO)) {
            return "<6>";
        }
        return "<7>";
    }
}
