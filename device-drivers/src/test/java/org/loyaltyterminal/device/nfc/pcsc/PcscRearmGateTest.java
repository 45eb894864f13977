package org.loyaltyterminal.device.nfc.pcsc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The re-arm rule with explicit times (milliseconds written as nanos), no reader, no sleeping. */
class PcscRearmGateTest {
    private static final long MS = 1_000_000L;
    private final RearmGate gate = new RearmGate(Duration.ofMillis(300));

    @Test
    void firstCardIsReadOnceWhileHeld() {
        assertTrue(gate.present(0));
        assertFalse(gate.present(500 * MS));
        assertFalse(gate.present(60_000 * MS));
    }

    @Test
    void shortGapIsTheSamePresentation() {
        assertTrue(gate.present(0));
        gate.absent(1_000 * MS);
        gate.absent(1_200 * MS);
        assertFalse(gate.present(1_250 * MS), "away 250 ms, less than 300 ms");
    }

    @Test
    void longEnoughAbsenceRearmsEvenWhenTheNextObservationIsPresence() {
        assertTrue(gate.present(0));
        gate.absent(1_000 * MS);
        assertTrue(gate.present(1_300 * MS), "away exactly 300 ms");
        assertFalse(gate.present(1_400 * MS));
    }

    @Test
    void absenceObservedPastTheThresholdRearms() {
        assertTrue(gate.present(0));
        gate.absent(1_000 * MS);
        gate.absent(2_000 * MS);
        assertTrue(gate.present(2_001 * MS));
    }

    @Test
    void absenceIsMeasuredFromTheLastPresence() {
        assertTrue(gate.present(0));
        gate.absent(1_000 * MS);
        assertFalse(gate.present(1_100 * MS));
        gate.absent(1_200 * MS);
        assertFalse(gate.present(1_400 * MS), "away 200 ms since it came back at 1100 ms");
    }

    @Test
    void zeroMeansAnyObservedAbsenceRearms() {
        RearmGate eager = new RearmGate(Duration.ZERO);
        assertTrue(eager.present(0));
        eager.absent(10 * MS);
        assertTrue(eager.present(10 * MS));
    }
}
