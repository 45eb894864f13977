package org.loyaltyterminal.terminal.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VisitTrackerTest {
    private static final long MS = 1_000_000L;
    private final AtomicInteger ids = new AtomicInteger();
    private final VisitTracker tracker =
            new VisitTracker(Duration.ofMinutes(2), Duration.ofMillis(1500), () -> "visit-" + ids.incrementAndGet());

    @Test
    void aRepeatInsideTheDebounceWindowIsIgnoredAndOneJustOutsideIsNot() {
        assertFalse(tracker.isRepeat("4006381333931", 0));
        assertTrue(tracker.isRepeat("4006381333931", 1499 * MS), "1.499 s later: repeat");
        assertFalse(
                tracker.isRepeat("4006381333931", 1499 * MS + 1500 * MS), "1.5 s after the last sighting: new scan");
        assertFalse(tracker.isRepeat("4000000000006", 3000 * MS + 1), "another payload is never a repeat");
    }

    @Test
    void anotherScanInBetweenEndsTheRepeat() {
        assertFalse(tracker.isRepeat("4001234500010", 0));
        assertFalse(tracker.isRepeat("4001234500041", 100 * MS));
        assertFalse(tracker.isRepeat("4001234500010", 200 * MS), "coffee, croissant, coffee: two coffees");
        assertTrue(tracker.isRepeat("4001234500010", 300 * MS), "coffee, coffee within 1.5 s: one");
    }

    @Test
    void aRememberedSightingCountsForTheNextScan() {
        tracker.remember("card:abc", 0);
        assertTrue(tracker.isRepeat("card:abc", 500 * MS));
    }

    @Test
    void aVisitExpiresAfterTheTimeoutMeasuredFromItsLastActivity() {
        tracker.open("2412000000017", 0);
        tracker.touch(100_000 * MS);
        assertTrue(tracker.expireIfIdle(219_999 * MS).isEmpty(), "119.999 s after last activity: still open");
        assertEquals("visit-1", tracker.expireIfIdle(220_000 * MS).orElseThrow().visitId(), "120 s: expired");
        assertTrue(tracker.current().isEmpty());
    }

    @Test
    void closingReturnsTheVisitOnceOnly() {
        tracker.open("2412000000017", 0);
        assertTrue(tracker.close().isPresent());
        assertTrue(tracker.close().isEmpty());
    }
}
