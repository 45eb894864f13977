package org.loyaltyterminal.terminal.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Prefixes each line with its syslog priority ({@code <3>} error ... {@code <7>} debug) when
 * stdout is connected to the systemd journal, so {@code journalctl -p warning} works. On a
 * terminal the prefix is left out. See {@link JournalStream} for how the journal is recognised.
 */
public final class JournalPriorityConverter extends ClassicConverter {
    private final boolean journal = JournalStream.stdoutIsJournal();

    @Override
    public String convert(ILoggingEvent event) {
        if (!journal) {
            return "";
        }
        return prefix(event.getLevel());
    }

    static String prefix(Level level) {
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
