package org.loyaltyterminal.terminal.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * When something happened, as well as a till without a real-time clock can say: the wall time,
 * whether the clock was synchronised when it was read, and the monotonic time. Ordering never
 * relies on the wall time: the per-terminal sequence does that.
 */
public record EventTime(Instant wall, boolean clockTrusted, long monotonicNanos) {
    public EventTime {
        Objects.requireNonNull(wall, "wall");
    }
}
