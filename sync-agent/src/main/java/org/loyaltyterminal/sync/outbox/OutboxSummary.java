package org.loyaltyterminal.sync.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * The backlog as HQ and the status page see it.
 *
 * @param depth              events HQ has not acknowledged
 * @param oldestUnacked      when the oldest of them was written (wall time of the till)
 * @param highestAcknowledged the highest sequence HQ acknowledged, 0 before the first
 */
public record OutboxSummary(long depth, Optional<Instant> oldestUnacked, long highestAcknowledged) {
    public OutboxSummary {
        if (depth < 0 || highestAcknowledged < 0) {
            throw new IllegalArgumentException("depth and highestAcknowledged must not be negative");
        }
    }
}
