package org.loyaltyterminal.terminal.health;

import java.time.Instant;
import java.util.Objects;

/**
 * Storage is failing.
 *
 * @param plainMessage   what fails, in words, e.g. "the disk is full: awards cannot be recorded"
 * @param action         what a person should do about it
 * @param since          when it started failing (wall time)
 * @param restartMayHelp whether a restart of the daemon may clear it: not for a full or read-only
 *                       disk, which the store recovers from by itself once a person fixed it
 */
public record StorageFault(String plainMessage, String action, Instant since, boolean restartMayHelp) {
    public StorageFault {
        Objects.requireNonNull(plainMessage, "plainMessage");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(since, "since");
    }
}
