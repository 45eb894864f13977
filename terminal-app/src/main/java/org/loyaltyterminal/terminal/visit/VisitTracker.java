package org.loyaltyterminal.terminal.visit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The visit state machine and the scan debounce, on monotonic time only: a wall-clock jump (NTP
 * correcting a Pi that booted in 1970) can neither expire a visit early nor keep it open.
 * Not thread-safe: owned by the single scan-processing thread.
 */
public final class VisitTracker {
    private final long timeoutNanos;
    private final long debounceNanos;
    private final Supplier<String> visitIds;
    private String lastPayload = "";
    private long lastSeenNanos;
    private Optional<OpenVisit> current = Optional.empty();

    public VisitTracker(Duration timeout, Duration debounce, Supplier<String> visitIds) {
        this.timeoutNanos = timeout.toNanos();
        this.debounceNanos = debounce.toNanos();
        this.visitIds = visitIds;
    }

    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    public Optional<OpenVisit> current() {
        return current;
    }

    /**
     * True when this payload is the same as the previous scan and came less than the debounce
     * window after it: a scanner that reads one barcode twice, a cashier's double trigger, a card
     * held to the reader. Measured from the previous sighting, so a barcode held under the scanner
     * keeps being a repeat. Another scan in between ends the repeat: the same coffee scanned
     * again after a croissant is a second coffee.
     */
    public boolean isRepeat(String payload, long now) {
        boolean repeat = payload.equals(lastPayload) && now - lastSeenNanos < debounceNanos;
        remember(payload, now);
        return repeat;
    }

    /**
     * Forgets the last scan, so the same scan right after counts: the cashier was told to try
     * again because storage failed, and that retry is not a double read.
     */
    public void forgetLastScan() {
        lastPayload = "";
    }

    /** Records a sighting without asking: a card whose visit just opened. */
    public void remember(String payload, long now) {
        lastPayload = payload;
        lastSeenNanos = now;
    }

    /** Ends the current visit if it has been idle for the timeout; returns it if so. */
    public Optional<OpenVisit> expireIfIdle(long now) {
        if (current.isPresent() && now - current.get().lastActivityNanos() >= timeoutNanos) {
            return close();
        }
        return Optional.empty();
    }

    public OpenVisit open(String memberCard, long now) {
        OpenVisit visit = new OpenVisit(visitIds.get(), memberCard, now, now);
        current = Optional.of(visit);
        return visit;
    }

    public void touch(long now) {
        current = current.map(v -> v.touched(now));
    }

    public Optional<OpenVisit> close() {
        Optional<OpenVisit> closed = current;
        current = Optional.empty();
        return closed;
    }
}
