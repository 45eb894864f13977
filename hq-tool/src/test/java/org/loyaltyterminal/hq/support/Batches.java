package org.loyaltyterminal.hq.support;

import java.util.List;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.testing.SqliteTestOutbox;
import org.loyaltyterminal.sync.wire.EventBatch;

/** Batches cut from a test outbox, as a terminal would publish them (or resend them). */
public final class Batches {
    private Batches() {}

    public static EventBatch of(SqliteTestOutbox outbox, long first, long last) {
        List<OutboxEvent> events = outbox.pendingAfter(first - 1, (int) (last - first + 1), Integer.MAX_VALUE);
        if (events.isEmpty() || events.getLast().sequence() != last) {
            throw new IllegalArgumentException(
                    "outbox " + outbox.terminal() + " holds no unacknowledged " + first + ".." + last);
        }
        return new EventBatch(outbox.terminal(), outbox.bootId(), 1, events);
    }
}
