package org.loyaltyterminal.terminal.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The outbox as storage sees it: how many events wait, and when the oldest was recorded. */
public record OutboxBacklog(long depth, Optional<Instant> oldestRecorded) {
    public OutboxBacklog {
        Objects.requireNonNull(oldestRecorded, "oldestRecorded");
    }
}
