package org.loyaltyterminal.terminal.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The link to head office as the status page shows it.
 *
 * @param configured     whether an HQ link is configured at all
 * @param online         connected to the broker now
 * @param lastSync       when HQ last acknowledged events
 * @param outboxDepth    events waiting for HQ's acknowledgement
 * @param oldestUnsynced how long the oldest of them has waited (by its recorded wall time)
 */
public record HqLinkView(boolean configured, boolean online, Optional<Instant> lastSync, long outboxDepth,
                         Optional<Duration> oldestUnsynced) {
    public HqLinkView {
        Objects.requireNonNull(lastSync, "lastSync");
        Objects.requireNonNull(oldestUnsynced, "oldestUnsynced");
    }
}
