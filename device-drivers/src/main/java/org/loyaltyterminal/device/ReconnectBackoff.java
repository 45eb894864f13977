package org.loyaltyterminal.device;

import java.time.Duration;
import java.util.Objects;

/**
 * Capped exponential backoff for reopening a lost device: initial, 2x, 4x ... up to max. Shared
 * by every device adapter (scanner, PN532, PC/SC), so they all retry by the same rule.
 *
 * @param initial wait before the first retry
 * @param max     the cap
 */
public record ReconnectBackoff(Duration initial, Duration max) {
    public ReconnectBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("reconnect backoff: initial " + initial.toMillis() + " ms and max "
                    + max.toMillis() + " ms must satisfy 0 < initial <= max");
        }
    }

    /** Wait before retry number {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("reconnect backoff: attempt " + attempt + " must be >= 0");
        }
        int shift = Math.min(attempt, 30);
        long nanos = initial.toNanos();
        long capped = max.toNanos();
        return Duration.ofNanos(nanos > (capped >> shift) ? capped : Math.min(capped, nanos << shift));
    }
}
