package org.loyaltyterminal.terminal.status;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The HQ link until the sync agent exists: not configured, offline, and the outbox growing, which
 * is exactly what a manager should see (the events are safe and wait for the link).
 */
public final class UnconfiguredHqLink implements HqLinkProvider {
    private final Supplier<OutboxBacklog> outbox;
    private final InstantSource clock;

    public UnconfiguredHqLink(Supplier<OutboxBacklog> outbox, InstantSource clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public HqLinkView hqLink() {
        OutboxBacklog backlog = outbox.get();
        // A wall clock set back after the event was recorded would give a negative age: show zero.
        Optional<Duration> age = backlog.oldestRecorded()
                .map(at -> Duration.between(at, clock.instant()))
                .map(d -> d.isNegative() ? Duration.ZERO : d);
        return new HqLinkView(false, false, Optional.empty(), backlog.depth(), age);
    }
}
