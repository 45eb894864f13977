package org.loyaltyterminal.device.nfc.pn532;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyterminal.device.nfc.pn532.Pn532CodecTest.bytes;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.bytes.Bytes;

/** Re-arm logic, backoff and settings validation with explicit times; no clock, no sleeps. */
class Pn532PresentationsTest {
    private static final long MS = 1_000_000L;
    private static final Bytes A = Bytes.copyOf(bytes(0x04, 0x7A, 0x3B, 0x52, 0x6B, 0x80, 0x81));
    private static final Bytes B = Bytes.copyOf(bytes(0xDE, 0xAD, 0xBE, 0xEF));

    private final Presentations p = new Presentations(Duration.ofSeconds(1));

    @Test
    void aCardHeldOnTheReaderIsOnePresentation() {
        assertTrue(p.seen(A, 0), "first sight");
        for (long t = 100; t <= 10_000; t += 100) {
            assertFalse(p.seen(A, t * MS), "held, poll at " + t + " ms");
        }
    }

    @Test
    void theSameCardIsReportedAgainOnlyAfterBeingAbsentLongEnough() {
        assertTrue(p.seen(A, 0));
        p.nothingSeen(100 * MS);
        p.nothingSeen(500 * MS);
        assertFalse(p.seen(A, 900 * MS), "back after 800 ms away: same presentation");
        p.nothingSeen(1_000 * MS);
        p.nothingSeen(1_500 * MS);
        assertTrue(p.seen(A, 2_000 * MS), "back after 1000 ms away: new presentation");
    }

    @Test
    void aDifferentCardIsANewPresentationAtOnceAndSoIsTheFirstAgain() {
        assertTrue(p.seen(A, 0));
        assertTrue(p.seen(B, 100 * MS), "B replaces A");
        assertTrue(p.seen(A, 200 * MS), "A replaces B");
        assertFalse(p.seen(A, 300 * MS), "A held");
    }

    @Test
    void aForgottenPresentationIsReportedOnTheNextPoll() {
        assertTrue(p.seen(A, 0));
        p.forget();
        assertTrue(p.seen(A, 100 * MS), "after forget (NDEF read cut short)");
    }

    @Test
    void failedPollsInBetweenDoNotCountAsAbsence() {
        assertTrue(p.seen(A, 0));
        // polls that failed call neither seen nor nothingSeen
        assertFalse(p.seen(A, 5_000 * MS), "no poll said 'no card', so the card never left");
    }

    @Test
    void settingsDefaultsAndMessagesThatNameTheField() {
        Pn532Settings s = Pn532Settings.defaults(Path.of("/dev/serial0"));
        assertEquals("nfc", s.name());
        assertEquals(115_200, s.baud());
        assertFalse(s.readNdef());
        assertEquals(Duration.ofMillis(100), s.pollInterval());
        assertEquals(Duration.ofMillis(500), s.commandTimeout());
        assertEquals(Duration.ofSeconds(2), s.startupTimeout());
        assertEquals(Duration.ofSeconds(1), s.absentBeforeRearm());
        assertEquals(Duration.ofMillis(250), s.reconnectInitial());
        assertEquals(Duration.ofSeconds(5), s.reconnectMax());

        record Bad(String field, Runnable make) {}
        for (Bad bad : new Bad[] {
            new Bad("name", () -> s.withName(" ")),
            new Bad("port", () -> s.withPort(Path.of(""))),
            new Bad("baud", () -> s.withBaud(300)),
            new Bad("pollInterval", () -> s.withPollInterval(Duration.ZERO)),
            new Bad("commandTimeout", () -> s.withTimeouts(Duration.ofMillis(10), Duration.ofSeconds(2))),
            new Bad("startupTimeout", () -> s.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500))),
            new Bad("absentBeforeRearm", () -> s.withAbsentBeforeRearm(Duration.ofMillis(-1))),
            new Bad("reconnectMax", () -> s.withReconnectBackoff(Duration.ofSeconds(1), Duration.ofMillis(10)))
        }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad.make()::run, bad.field());
            assertTrue(
                    e.getMessage().contains(bad.field() + " = "),
                    () -> "message names " + bad.field() + ": " + e.getMessage());
        }
    }
}
