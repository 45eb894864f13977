package org.loyaltyterminal.core.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * Capped exponential backoff, as a value: how long to wait before retry number {@code retry}
 * (0 for the first retry). The n-th ceiling is {@code min(cap, initial * multiplier^n)}.
 *
 * <p>Shared by every reconnecting loop: the device adapters, the till's sync agent and HQ's
 * ingest. It never reads a clock, sleeps or draws a random number itself: the caller waits, and a
 * caller that wants jitter passes its own random source to {@link #delay(int, LongUnaryOperator)}
 * (so a test can pass a seeded one and the core stays free of {@code java.util.Random}).
 *
 * @param initial    ceiling for the first retry; greater than zero
 * @param cap        largest ceiling; at least {@code initial}
 * @param multiplier growth per retry; at least 1 (1 means a fixed delay)
 */
public record Backoff(Duration initial, Duration cap, double multiplier) {

    /** Doubling, the rule every current user retries by. */
    public static final double DOUBLING = 2.0;

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(cap, "cap");
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("reconnect backoff: initial " + initial.toMillis() + " ms and max "
                    + cap.toMillis() + " ms must satisfy 0 < initial <= max");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException(
                    "reconnect backoff: multiplier " + multiplier + " must be a finite number >= 1");
        }
    }

    /** Initial, 2x, 4x ... up to the cap. */
    public static Backoff doubling(Duration initial, Duration cap) {
        return new Backoff(initial, cap, DOUBLING);
    }

    /** The wait before retry number {@code retry} (0 for the first), without jitter. */
    public Duration delay(int retry) {
        return Duration.ofNanos(ceilingNanos(retry));
    }

    /**
     * The wait before retry number {@code retry} with full jitter: uniform in [0, {@link #delay(int)}].
     * Spreading every attempt, the first included, is what stops a fleet of tills from reconnecting
     * in lock-step after a broker restart.
     *
     * @param uniformBelow given a bound n &gt; 0, returns a value uniform in [0, n), e.g.
     *                     {@code random::nextLong} of a {@code RandomGenerator}; a value outside
     *                     that range is clamped, so the delay never leaves [0, ceiling]
     */
    public Duration delay(int retry, LongUnaryOperator uniformBelow) {
        Objects.requireNonNull(uniformBelow, "uniformBelow");
        long ceiling = ceilingNanos(retry);
        long bound = ceiling == Long.MAX_VALUE ? ceiling : ceiling + 1;
        long drawn = uniformBelow.applyAsLong(bound);
        return Duration.ofNanos(Math.clamp(drawn, 0L, ceiling));
    }

    private long ceilingNanos(int retry) {
        if (retry < 0) {
            throw new IllegalArgumentException("reconnect backoff: retry " + retry + " must be >= 0");
        }
        long first = saturatedNanos(initial);
        long max = saturatedNanos(cap);
        // Exact for doubling: a power of two times a nanosecond count below 2^53 is represented exactly.
        double grown = first * Math.pow(multiplier, retry);
        return grown >= max ? max : (long) grown;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
