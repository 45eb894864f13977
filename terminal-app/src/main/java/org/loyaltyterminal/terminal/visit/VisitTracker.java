package org.loyaltyterminal.terminal.visit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
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
    private final Map<String, Long> lastSeen = new HashMap<>();
    private Optional<OpenVisit> current = Optional.empty();

    public VisitTracker(Duration timeout, Duration debounce, Supplier<String> visitIds) {
        this.timeoutNanos = timeout.toNanos();
        this.debounceNanos = debounce.toNanos();
        this.visitIds = visitIds;
    }

    public java.time.Duration timeout() {
        return java.time.Duration.ofNanos(timeoutNanos);
    }

    public Optional<OpenVisit> current() {
        return current;
    }

    /**
     * True when the same payload was seen less than the debounce window ago: a scanner that reads
     * one barcode twice, or a cashier's double trigger. Measured from the previous sighting, so a
     * barcode held under the scanner keeps being a repeat.
     */
    public boolean isRepeat(String payload, long now) {
        Long previous = lastSeen.put(payload, now);
        if (lastSeen.size() > 256) {
            forgetOlderThan(now - debounceNanos);
        }
        return previous != null && now - previous < debounceNanos;
    }

    /** Records a sighting without asking: a card whose visit just opened (and reset the memory). */
    public void remember(String payload, long now) {
        lastSeen.put(payload, now);
    }

    private void forgetOlderThan(long cutoff) {
        for (Iterator<Long> it = lastSeen.values().iterator(); it.hasNext(); ) {
            if (it.next() < cutoff) {
                it.remove();
            }
        }
    }

    /** Ends the current visit if it has been idle for the timeout; returns it if so. */
    public Optional<OpenVisit> expireIfIdle(long now) {
        if (current.isPresent() && now - current.get().lastActivityNanos() >= timeoutNanos) {
            return close();
        }
        return Optional.empty();
    }

    /**
     * Opens a visit. The debounce memory starts afresh with the card itself: the next member
     * buying the same coffee a second after the previous one is a new scan, not a repeat.
     */
    public OpenVisit open(String memberCard, long now) {
        lastSeen.clear();
        lastSeen.put(memberCard, now);
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
