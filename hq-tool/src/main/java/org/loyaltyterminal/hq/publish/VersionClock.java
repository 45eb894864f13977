package org.loyaltyterminal.hq.publish;

import java.time.InstantSource;

/**
 * Default versions of HQ messages: HQ's wall clock in milliseconds since the epoch, and at least
 * one more than the last version this clock handed out. HQ's clock is NTP-synchronised, so every
 * message HQ publishes carries a higher version than the one before it, in every scope, across
 * runs of the tool; {@code --version} overrides it (for example to re-issue a bundle).
 */
public final class VersionClock {
    private final InstantSource wall;
    private long last;

    public VersionClock(InstantSource wall) {
        this.wall = wall;
    }

    public synchronized long next() {
        last = Math.max(wall.millis(), last + 1);
        return last;
    }
}
