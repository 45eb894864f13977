package org.loyaltyterminal.simulator.hqbench;

import java.util.function.LongPredicate;

/** A count the tills' threads change and the benchmark's thread waits on: a condition, never a fixed sleep. */
final class Tally {
    private long value;

    synchronized void add(long delta) {
        value += delta;
        notifyAll();
    }

    synchronized long get() {
        return value;
    }

    /** Waits until the count satisfies {@code condition} or {@code deadline} (System.nanoTime) passes; whether it did. */
    synchronized boolean await(LongPredicate condition, long deadline) throws InterruptedException {
        while (!condition.test(value)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
