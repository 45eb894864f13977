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
    private final VisitTracker tracker = new VisitTracker(Duration.ofSeconds(120), Duration.ofMillis(1500),
            () -> "visit-" + ids.incrementAndGet());

    @Test
    void aRepeatInsideTheDebounceWindowIsIgnoredAndOneJustOutsideIsNot() {
        assertFalse(tracker.isRepeat("4006381333931", 0));
        assertTrue(tracker.isRepeat("4006381333931", 1499 * MS), "1.499 s later: repeat");
        assertFalse(tracker.isRepeat("4006381333931", 1499 * MS + 1500 * MS), "1.5 s after the last sighting: new scan");
        assertFalse(tracker.isRepeat("4000000000006", 3000 * MS + 1), "another payload is never a repeat");
    }

    @Test
    void aNewVisitStartsTheDebounceAfreshButKeepsItsOwnCard() {
        tracker.open("2412000000016", 0);
        assertFalse(tracker.isRepeat("4001234500010", 100 * MS));
        tracker.open("2412000000023", 200 * MS);
        assertFalse(tracker.isRepeat("4001234500010", 300 * MS), "the next member's coffee is not a repeat");
        assertTrue(tracker.isRepeat("2412000000023", 400 * MS), "a double read of the opening card is");
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

    @Test
    void theDebounceMemoryStaysBoundedUnderManyDistinctScans() {
        for (int i = 0; i < 100_000; i++) {
            tracker.isRepeat("item-" + i, i * 2000 * MS);
        }
        assertTrue(tracker.isRepeat("item-99999", 99_999 * 2000 * MS + MS), "latest still remembered");
    }
}
