package org.loyaltyterminal.terminal.status;

import java.time.Duration;
import java.time.Instant;
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

    private Optional<Due> cachedDue = Optional.empty();

    private record Entry(LocalDate day, long atNanos, TodayFigures figures) {}

    private record Due(Duration age, long atNanos, long points) {}

    public CachedFigures(LedgerFigures figures, Ticker ticker, Duration maxAge) {
        this.figures = figures;
        this.ticker = ticker;
        this.maxAgeNanos = maxAge.toNanos();
    }

    public synchronized TodayFigures day(LocalDate day, ZoneId zone) {
        long now = ticker.nanos();
        if (cached.isPresent()
                && cached.get().day().equals(day)
                && now - cached.get().atNanos() < maxAgeNanos) {
            return cached.get().figures();
        }
        TodayFigures fresh = figures.day(day, zone);
        cached = Optional.of(new Entry(day, now, fresh));
        return fresh;
    }

    /**
     * Points due within {@code within} of {@code at} (those already due but not yet written
     * included), recomputed at most once per max age: it replays every member's lots.
     */
    public synchronized long pointsDueWithin(Instant at, Duration age, Duration within) {
        long now = ticker.nanos();
        if (cachedDue.isPresent()
                && cachedDue.get().age().equals(age)
                && now - cachedDue.get().atNanos() < maxAgeNanos) {
            return cachedDue.get().points();
        }
        long fresh = figures.pointsDueBy(at.plus(within), age);
        cachedDue = Optional.of(new Due(age, now, fresh));
        return fresh;
    }
}
