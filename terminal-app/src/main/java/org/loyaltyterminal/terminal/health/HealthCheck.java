package org.loyaltyterminal.terminal.health;

/** Asks for the till's health now. Cheap and bounded: called every second by the sampler. */
@FunctionalInterface
public interface HealthCheck {
    HealthReport check();
}
