package org.loyaltyterminal.hq.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.hq.ingest.MemberAccount;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.SqliteTestOutbox;

/**
 * The property every fault scenario ends with: HQ holds every event of every terminal exactly
 * once and contiguously, every outbox is empty, and HQ's per-member points are the terminals'.
 */
final class ExactlyOnce {
    private static final int SHOWN = 8;

    private ExactlyOnce() {}

    /**
     * Waits until HQ's contiguous sequence reached every terminal's highest and every outbox is
     * empty (HQ acknowledged everything), then checks {@link #assertHolds}.
     *
     * @param context what ran (broker, seed, scenario), for the failure message
     * @param state   anything else worth seeing on a timeout (agents, workers)
     */
    static void awaitAndAssert(
            String context,
            Duration timeout,
            EventStore store,
            List<SqliteTestOutbox> outboxes,
            Supplier<String> state) {
        Await.until(
                context + ": HQ holds every event and every outbox is empty",
                timeout,
                () -> lagging(store, outboxes).isEmpty(),
                () -> lagging(store, outboxes) + "; " + state.get());
        assertHolds(context, store, outboxes);
    }

    static void assertHolds(String context, EventStore store, List<SqliteTestOutbox> outboxes) {
        List<String> differences = new ArrayList<>();
        Map<String, Long> terminalsPoints = new TreeMap<>();
        for (SqliteTestOutbox outbox : outboxes) {
            String terminal = outbox.terminal();
            long highest = outbox.highestSequence();
            long count = store.eventCount(terminal);
            long contiguous = store.contiguousUpTo(terminal);
            long depth = outbox.depth();
            if (count != highest || contiguous != highest || depth != 0) {
                differences.add(terminal + ": terminal wrote 1.." + highest + ", HQ holds " + count
                        + " events, contiguous to " + contiguous + ", outbox depth " + depth);
            }
            outbox.pointsByMember().forEach((member, points) -> terminalsPoints.merge(member, points, Long::sum));
        }
        if (!differences.isEmpty()) {
            throw new AssertionError(context + ": " + differences.size() + " of " + outboxes.size()
                    + " terminals differ from exactly-once delivery (want count == contiguous == highest, depth 0): "
                    + String.join("; ", differences.subList(0, Math.min(SHOWN, differences.size())))
                    + (differences.size() > SHOWN ? "; ..." : ""));
        }
        Map<String, Long> hqPoints = new TreeMap<>();
        for (MemberAccount balance : store.balances()) {
            hqPoints.put(balance.member(), balance.points());
        }
        assertEquals(
                terminalsPoints,
                hqPoints,
                context + ": HQ's points per member (right) differ from the sum of "
                        + "the terminals' outboxes (left)");
    }

    /** Terminals HQ has not caught up with, as "t1 HQ 120/300 depth 180", at most a few. */
    private static List<String> lagging(EventStore store, List<SqliteTestOutbox> outboxes) {
        Map<String, Long> contiguous = store.contiguousByTerminal();
        List<String> lagging = new ArrayList<>();
        int behind = 0;
        for (SqliteTestOutbox outbox : outboxes) {
            long highest = outbox.highestSequence();
            long hq = contiguous.getOrDefault(outbox.terminal(), 0L);
            long depth = outbox.depth();
            if (hq < highest || depth != 0) {
                if (behind++ < SHOWN) {
                    lagging.add(outbox.terminal() + " HQ " + hq + "/" + highest + " depth " + depth);
                }
            }
        }
        if (behind > SHOWN) {
            lagging.add("... " + behind + " terminals behind in all");
        }
        return lagging;
    }
}
