package org.loyaltyterminal.device.nfc.pcsc;

import java.time.Duration;
import java.util.Objects;

/**
 * Capped exponential backoff for looking for pcscd or the reader again: initial, 2x, 4x ... up
 * to max. (The serial scanner has its own, package-private, copy of the same rule.)
 */
record Backoff(Duration initial, Duration max) {
    Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("reconnect backoff: initial " + initial.toMillis() + " ms and max "
                    + max.toMillis() + " ms must satisfy 0 < initial <= max");
        }
    }

    /** Wait before retry number {@code attempt} (0 for the first retry). */
    Duration delay(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("reconnect backoff: attempt " + attempt + " must be >= 0");
        }
        int shift = Math.min(attempt, 30);
        long nanos = initial.toNanos();
        long capped = max.toNanos();
        return Duration.ofNanos(nanos > (capped >> shift) ? capped : Math.min(capped, nanos << shift));
    }
}
