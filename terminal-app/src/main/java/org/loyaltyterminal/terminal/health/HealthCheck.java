package org.loyaltyterminal.terminal.health;

/** Asks whether the daemon can still do its job. Cheap and bounded: called every few seconds. */
@FunctionalInterface
public interface HealthCheck {
    Health check();
}
