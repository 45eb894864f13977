package org.loyaltyterminal.sync.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition with a deadline: tests wait for outcomes, never for a fixed time. */
public final class Await {
    private Await() {}

    /**
     * Returns as soon as {@code condition} holds.
     *
     * @throws AssertionError after {@code timeout}, with {@code state} describing what was seen
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "not within " + timeout.toSeconds() + " s: " + what + "; last seen: " + state.get());
            }
            pause(Duration.ofMillis(20));
        }
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "(no state given)");
    }

    /** A poll interval, not a wait for correctness. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
