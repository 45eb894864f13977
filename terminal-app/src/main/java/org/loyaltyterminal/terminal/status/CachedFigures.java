package org.loyaltyterminal.terminal.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.loyaltyterminal.device.Ticker;

/**
 * Today's figures, recomputed at most once per {@code maxAge}: a page refreshing itself on a few
 * phones, a Prometheus scrape and the CLI must not turn into a table scan each. The day is part of
 * the key, so the figures switch at midnight at once.
 */
public final class CachedFigures {
    private final LedgerFigures figures;
    private final Ticker ticker;
    private final long maxAgeNanos;
    private Optional<Entry> cached = Optional.empty();

    private record Entry(LocalDate day, long atNanos, TodayFigures figures) {}

    public CachedFigures(LedgerFigures figures, Ticker ticker, Duration maxAge) {
        this.figures = figures;
        this.ticker = ticker;
        this.maxAgeNanos = maxAge.toNanos();
    }

    public synchronized TodayFigures day(LocalDate day, ZoneId zone) {
        long now = ticker.nanos();
        if (cached.isPresent() && cached.get().day().equals(day) && now - cached.get().atNanos() < maxAgeNanos) {
            return cached.get().figures();
        }
        TodayFigures fresh = figures.day(day, zone);
        cached = Optional.of(new Entry(day, now, fresh));
        return fresh;
    }
}
