package org.loyaltyterminal.sync.outbox;

import java.util.List;

/**
 * The durable queue of events for HQ, owned by the terminal. Durability lives here, never in
 * the MQTT client: an event is written in the same transaction as the award it reports and
 * leaves the queue only when HQ acknowledges its sequence.
 */
public interface Outbox {

    /**
     * Unacknowledged events with a sequence above {@code afterSequence}, ascending, at most
     * {@code maxEvents} and, after the first, at most {@code maxBytes} of JSON in all.
     */
    List<OutboxEvent> pendingAfter(long afterSequence, int maxEvents, int maxBytes);

    /** HQ has durably stored every event up to and including {@code sequence}. Idempotent. */
    void acknowledgeUpTo(long sequence);

    /**
     * HQ asked for everything from {@code sequence} again: events still held from there on become
     * unacknowledged.
     *
     * @return the first sequence that will be sent again; higher than asked when older events are
     *     no longer held
     */
    long reopenFrom(long sequence);

    OutboxSummary summary();

    /** A new session number, persisted before it is returned; it increases on every connect. */
    long nextSession();
}
