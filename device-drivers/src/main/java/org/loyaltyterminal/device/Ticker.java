package org.loyaltyterminal.device;

/**
 * Monotonic time in nanoseconds. Injected wherever a timeout, debounce or backoff is computed,
 * so that tests can advance time without sleeping and a wall-clock jump (a Pi has no RTC) never
 * shortens or stretches a timeout.
 */
@FunctionalInterface
public interface Ticker {
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
