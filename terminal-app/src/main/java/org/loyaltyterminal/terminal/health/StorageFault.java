package org.loyaltyterminal.terminal.health;

import java.time.Instant;
import java.util.Objects;

/**
 * Storage is failing.
 *
 * @param plainMessage what fails, in words, e.g. "the disk is full: awards cannot be recorded"
 * @param since        when it started failing (wall time)
 */
public record StorageFault(String plainMessage, Instant since) {
    public StorageFault {
        Objects.requireNonNull(plainMessage, "plainMessage");
        Objects.requireNonNull(since, "since");
    }
}
