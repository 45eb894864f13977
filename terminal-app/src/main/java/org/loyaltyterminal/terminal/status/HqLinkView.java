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
 * @param problem        why the link is down, while it is
 * @param refusedMessages messages from HQ refused since start (bad signature, old version...)
 * @param lastRefusal    the latest refusal, in words
 * @param lookups        the balance questions asked of HQ and what became of them
 */
public record HqLinkView(
        boolean configured,
        boolean online,
        Optional<Instant> lastSync,
        long outboxDepth,
        Optional<Duration> oldestUnsynced,
        Optional<String> problem,
        long refusedMessages,
        Optional<String> lastRefusal,
        LookupFigures lookups) {
    public HqLinkView {
        Objects.requireNonNull(lastSync, "lastSync");
        Objects.requireNonNull(oldestUnsynced, "oldestUnsynced");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(lastRefusal, "lastRefusal");
        Objects.requireNonNull(lookups, "lookups");
    }

    /** A link with no problem and no refusal to report. */
    public HqLinkView(
            boolean configured,
            boolean online,
            Optional<Instant> lastSync,
            long outboxDepth,
            Optional<Duration> oldestUnsynced) {
        this(
                configured,
                online,
                lastSync,
                outboxDepth,
                oldestUnsynced,
                Optional.empty(),
                0,
                Optional.empty(),
                LookupFigures.none());
    }
}
