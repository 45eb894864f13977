package org.loyaltyterminal.device.nfc.pcsc;

import java.time.Duration;

/**
 * Decides which observations of a card on the reader are new presentations. The first card is
 * one; after that, a card counts again only once the field has been empty for at least
 * {@code absentBeforeRearm}, so a card held on the reader, or wobbling at the edge of the field,
 * is read once. Pure: times are {@link org.loyaltyterminal.device.Ticker} nanos passed in.
 * Used by one thread.
 */
final class RearmGate {
    private final long absentBeforeRearmNanos;
    private boolean armed = true;
    private boolean absent;
    private long absentSince;

    RearmGate(Duration absentBeforeRearm) {
        this.absentBeforeRearmNanos = absentBeforeRearm.toNanos();
    }

    /** A card is on the reader at {@code now}. @return true when this is a new presentation to read */
    boolean present(long now) {
        if (absent && now - absentSince >= absentBeforeRearmNanos) {
            armed = true;
        }
        absent = false;
        if (armed) {
            armed = false;
            return true;
        }
        return false;
    }

    /** The field is empty at {@code now}. */
    void absent(long now) {
        if (!absent) {
            absent = true;
            absentSince = now;
        }
        if (now - absentSince >= absentBeforeRearmNanos) {
            armed = true;
        }
    }
}
