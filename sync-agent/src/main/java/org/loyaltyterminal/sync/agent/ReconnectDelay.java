package org.loyaltyterminal.sync.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: the n-th delay is uniform in
 * [0, min(cap, base * 2^(n-1))]. Spreading every attempt, the first included, is what stops a
 * fleet of tills from reconnecting in lock-step after a broker restart.
 */
public final class ReconnectDelay {
    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    public ReconnectDelay(Duration base, Duration cap, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The ceiling for attempt {@code n} (1-based). */
    public Duration ceiling(int attempt) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 30);
        long nanos = base.toNanos();
        for (int i = 0; i < doublings && nanos < cap.toNanos(); i++) {
            nanos = Math.multiplyExact(nanos, 2);
        }
        return Duration.ofNanos(Math.min(nanos, cap.toNanos()));
    }

    public Duration delay(int attempt) {
        long ceiling = ceiling(attempt).toNanos();
        return Duration.ofNanos(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
    }
}
