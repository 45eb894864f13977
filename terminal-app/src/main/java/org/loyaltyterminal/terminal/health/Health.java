package org.loyaltyterminal.terminal.health;

import java.util.Objects;

/** The daemon's own verdict on itself, for systemd's watchdog and the status page. */
public sealed interface Health {

    record Healthy() implements Health {}

    /** @param reason what is stuck and for how long, e.g. "scan loop busy on one scan for 12 s" */
    record Unhealthy(String reason) implements Health {
        public Unhealthy {
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean healthy() {
        return this instanceof Healthy;
    }
}
