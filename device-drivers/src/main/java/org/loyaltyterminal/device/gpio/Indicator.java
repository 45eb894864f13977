package org.loyaltyterminal.device.gpio;

import java.util.Set;

/**
 * LEDs and a buzzer. Driven from one thread (the feedback player's); setting an output is fast
 * (a GPIO line write) and never blocks on anything but the kernel.
 */
public interface Indicator extends AutoCloseable {

    /** The outputs wired on this till; setting another is ignored. */
    Set<Output> outputs();

    void set(Output output, boolean on);

    /** Turns everything off and releases the lines. */
    @Override
    void close();
}
