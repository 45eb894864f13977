package org.loyaltyterminal.device.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Arrival stamps from the times reads returned; times are the test's, nothing sleeps. */
class ArrivalStampsTest {
    private static final long MS = 1_000_000L;
    private static final long STALL = 250 * MS;

    @Test
    void bytesAreStampedWhenTheirReadReturned() {
        ArrivalStamps a = new ArrivalStamps(STALL);
        assertEquals(0, a.stamp(5, 0));
        assertEquals(80 * MS, a.stamp(5, 80 * MS), "a read that waited 80 ms for its first byte");
        assertEquals(180 * MS, a.stamp(0, 180 * MS), "an empty read: silence proven up to its end");
        assertEquals(230 * MS, a.stamp(3, 230 * MS));
    }

    @Test
    void afterAStallOfTheReaderBytesCountAsArrivedAtTheEndOfThePreviousRead() {
        ArrivalStamps a = new ArrivalStamps(STALL);
        a.stamp(7, 1_000 * MS); // a partial line, then SIGSTOP for 10 s
        assertEquals(
                1_000 * MS,
                a.stamp(400, 11_000 * MS),
                "the bytes may have waited in the kernel all along: earliest possible arrival");
        assertEquals(11_050 * MS, a.stamp(2, 11_050 * MS), "normal reading resumes");
    }

    @Test
    void aStalledEmptyReadIsStillSilence() {
        ArrivalStamps a = new ArrivalStamps(STALL);
        a.stamp(7, 0);
        assertEquals(5_000 * MS, a.stamp(0, 5_000 * MS));
    }
}
