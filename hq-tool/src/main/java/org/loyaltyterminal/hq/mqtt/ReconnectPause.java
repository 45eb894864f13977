package org.loyaltyterminal.hq.mqtt;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A reconnect delay waited out in short steps, so a stop is never held up by it. */
public final class ReconnectPause {
    private ReconnectPause() {}

    /**
     * Waits {@code duration} or until {@code running} turns false.
     *
     * @return false when the thread was interrupted: the owner should stop
     */
    public static boolean await(Duration duration, BooleanSupplier running) {
        long until = System.nanoTime() + duration.toNanos();
        while (running.getAsBoolean() && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
