package org.loyaltyterminal.core.campaign;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Bundle-wide protection against abuse (format 3, {@code "safeguards"}).
 *
 * @param minInterval          a member's visit at a terminal earns nothing when the same member's
 *                             last award at that terminal, in an earlier visit, is less than this ago
 * @param suspiciousVisitsPerDay more visits than this by one card in one store day raise a
 *                             suspicious-activity event for HQ; the till is never blocked
 */
public record Safeguards(Optional<Duration> minInterval, OptionalInt suspiciousVisitsPerDay) {
    public static final Safeguards NONE = new Safeguards(Optional.empty(), OptionalInt.empty());

    public Safeguards {
        Objects.requireNonNull(minInterval, "minInterval");
        if (minInterval.isPresent()
                && (minInterval.get().isNegative() || minInterval.get().isZero())) {
            throw new IllegalArgumentException("minimum interval must be positive, was " + minInterval.get());
        }
        if (suspiciousVisitsPerDay.isPresent() && suspiciousVisitsPerDay.getAsInt() < 1) {
            throw new IllegalArgumentException(
                    "suspicious visits per day must be at least 1, was " + suspiciousVisitsPerDay.getAsInt());
        }
    }
}
