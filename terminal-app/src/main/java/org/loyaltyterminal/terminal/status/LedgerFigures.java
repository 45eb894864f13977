package org.loyaltyterminal.terminal.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Read-only figures from storage for the status page; never used on the scan path. */
public interface LedgerFigures extends AutoCloseable {

    TodayFigures day(LocalDate day, ZoneId zone);

    OutboxBacklog outbox();

    /** Points of every member that are at least {@code age} old by {@code by} and not yet spent or expired. */
    long pointsDueBy(Instant by, Duration age);

    /** Cheap proof that storage still answers, for the health check. */
    void probe();

    @Override
    void close();
}
