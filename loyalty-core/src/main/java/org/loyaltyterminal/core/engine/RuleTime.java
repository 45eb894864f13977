package org.loyaltyterminal.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The time the rules are judged at, and whether it can be trusted.
 *
 * <p>Policy for an unsynchronised clock (a Pi has no real-time clock): when the wall clock is
 * trusted, rules use it. When it is not, they use the last trusted reading of this boot plus the
 * monotonic time elapsed since, which a wrong wall clock cannot move; with no trusted reading
 * this boot they fall back to the raw wall clock. Either way, every award says so
 * ({@link Award.Why#clockUntrusted()}) and HQ can review it.
 */
public record RuleTime(Instant at, boolean trusted) {
    public RuleTime {
        Objects.requireNonNull(at, "at");
    }

    /** A trusted reading: the wall time and the monotonic time it was taken at. */
    public record Anchor(Instant wall, long monotonicNanos) {
        public Anchor {
            Objects.requireNonNull(wall, "wall");
        }
    }

    public static RuleTime trusted(Instant at) {
        return new RuleTime(at, true);
    }

    /**
     * The time to apply the rules at: the wall clock when it is synchronised, else the last trusted
     * reading carried forward on the monotonic clock.
     *
     * @param wall          the wall clock now
     * @param wallTrusted   whether it is synchronised
     * @param monotonicNanos the monotonic clock now
     * @param lastTrusted   the last trusted reading of this boot, if any
     */
    public static RuleTime resolve(
            Instant wall, boolean wallTrusted, long monotonicNanos, Optional<Anchor> lastTrusted) {
        if (wallTrusted) {
            return new RuleTime(wall, true);
        }
        return lastTrusted
                .map(a -> new RuleTime(
                        a.wall().plus(Duration.ofNanos(Math.max(0, monotonicNanos - a.monotonicNanos()))), false))
                .orElse(new RuleTime(wall, false));
    }
}
