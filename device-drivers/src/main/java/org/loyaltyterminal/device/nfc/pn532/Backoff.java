package org.loyaltyterminal.device.nfc.pn532;

import java.time.Duration;

/** Capped exponential backoff for reopening a lost reader: initial, 2x, 4x ... up to max. */
record Backoff(Duration initial, Duration max) {
    Backoff {
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
        long cap = max.toNanos();
        long d = initial.toNanos();
        for (int i = 0; i < attempt && d < cap; i++) {
            d = d > cap / 2 ? cap : d * 2;
        }
        return Duration.ofNanos(Math.min(d, cap));
    }
}
