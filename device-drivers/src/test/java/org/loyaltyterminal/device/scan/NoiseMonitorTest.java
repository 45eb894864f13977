package org.loyaltyterminal.device.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Noise is counted per frame and logged per burst; time comes from the test, never from sleeping. */
class NoiseMonitorTest {
    private static final long MS = 1_000_000L;
    private final Logger logger = (Logger) LoggerFactory.getLogger("test.noise." + System.identityHashCode(this));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private NoiseMonitor monitor;

    @BeforeEach
    void setUp() {
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.DEBUG);
        monitor = new NoiseMonitor("scanner 'front'", Duration.ofSeconds(2), logger);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(logs);
    }

    private static ScanResult.Rejected noise(RejectReason reason, long nanos) {
        return new ScanResult.Rejected(reason, "detail", "\\x00\\xFF (2 bytes)", nanos);
    }

    private List<ILoggingEvent> at(Level level) {
        return logs.list.stream().filter(e -> e.getLevel() == level).toList();
    }

    @Test
    void aBurstOfAThousandNoiseFramesLogsOneWarningAndOneSummary() {
        for (int i = 0; i < 1000; i++) {
            monitor.rejected(noise(i % 10 == 0 ? RejectReason.TOO_LONG : RejectReason.NON_PRINTABLE, i * MS));
        }
        assertEquals(1, at(Level.WARN).size(), () -> "WARN lines during the burst: " + logs.list);
        assertTrue(at(Level.INFO).isEmpty(), "no summary while the burst is going on");

        monitor.accepted(1000 * MS);
        assertTrue(at(Level.INFO).isEmpty(), "a good scan within the quiet period does not end the burst");
        monitor.accepted(3000 * MS); // 2001 ms after the last noise

        assertEquals(1, at(Level.WARN).size(), () -> "WARN lines after the burst: " + logs.list);
        List<ILoggingEvent> info = at(Level.INFO);
        assertEquals(1, info.size(), () -> "summary lines: " + logs.list);
        String summary = info.getFirst().getFormattedMessage();
        assertTrue(summary.contains("1000 frames dropped"), summary);
        assertTrue(summary.contains("NON_PRINTABLE 900") && summary.contains("TOO_LONG 100"), summary);
        assertTrue(
                at(Level.WARN).getFirst().getFormattedMessage().contains("TOO_LONG"),
                () -> "first warning names the reason: "
                        + at(Level.WARN).getFirst().getFormattedMessage());

        ScannerStats stats = monitor.snapshot();
        assertEquals(2, stats.accepted(), "accepted");
        assertEquals(900, stats.rejected(RejectReason.NON_PRINTABLE), "NON_PRINTABLE");
        assertEquals(100, stats.rejected(RejectReason.TOO_LONG), "TOO_LONG");
        assertEquals(0, stats.rejected(RejectReason.EMPTY), "EMPTY present as zero");
        assertEquals(1000, stats.rejectedTotal(), "total");
    }

    @Test
    void noiseAfterTheQuietPeriodStartsANewBurstAndSummarisesTheOldOne() {
        monitor.rejected(noise(RejectReason.EMPTY, 0));
        monitor.rejected(noise(RejectReason.EMPTY, 1_000 * MS));
        monitor.rejected(noise(RejectReason.EMPTY, 3_001 * MS)); // 2001 ms after the previous one
        assertEquals(2, at(Level.WARN).size(), () -> "one WARN per burst: " + logs.list);
        assertEquals(1, at(Level.INFO).size(), () -> "summary of the first burst: " + logs.list);
        assertTrue(
                at(Level.INFO).getFirst().getFormattedMessage().contains("2 frames dropped in 1000 ms"),
                at(Level.INFO).getFirst().getFormattedMessage());
    }

    @Test
    void idleLinePastTheQuietPeriodEndsTheBurst() {
        monitor.rejected(noise(RejectReason.EMPTY, 0));
        monitor.rejected(noise(RejectReason.EMPTY, MS));
        monitor.idle(2_001 * MS - 1);
        assertTrue(at(Level.INFO).isEmpty(), "burst still open within the quiet period");
        monitor.idle(2_002 * MS);
        assertEquals(1, at(Level.INFO).size(), () -> "summary after idle: " + logs.list);
    }

    @Test
    void noiseInterleavedWithGoodScansIsOneBurstAsTheWarningPromises() {
        for (int i = 0; i < 1000; i++) {
            monitor.rejected(noise(RejectReason.NON_PRINTABLE, 2L * i * MS));
            monitor.accepted((2 * i + 1) * MS);
        }
        monitor.idle(5_000 * MS);
        assertEquals(
                1, at(Level.WARN).size(), () -> "WARN lines: " + at(Level.WARN).size());
        assertEquals(
                1, at(Level.INFO).size(), () -> "INFO lines: " + at(Level.INFO).size());
        assertTrue(
                at(Level.INFO).getFirst().getFormattedMessage().contains("1000 frames dropped"),
                at(Level.INFO).getFirst().getFormattedMessage());
        assertEquals(1000, monitor.snapshot().accepted(), "accepted counted");
    }

    @Test
    void aBurstThatNeverPausesIsSummarisedOncePerMinute() {
        long tenMinutes = 600_000;
        for (long ms = 0; ms < tenMinutes; ms += 10) {
            monitor.rejected(noise(RejectReason.EMPTY, ms * MS));
        }
        monitor.idle((tenMinutes + 5_000) * MS);
        assertEquals(
                1, at(Level.WARN).size(), () -> "WARN lines: " + at(Level.WARN).size());
        List<ILoggingEvent> info = at(Level.INFO);
        assertEquals(10, info.size(), () -> "nine a minute apart and one at the end: " + info.size());
        assertTrue(
                info.getFirst().getFormattedMessage().contains("noise continues: 6001 frames dropped in 60000 ms"),
                info.getFirst().getFormattedMessage());
        assertTrue(
                info.getLast().getFormattedMessage().contains("noise burst over"),
                info.getLast().getFormattedMessage());
        assertEquals(60_000, monitor.snapshot().rejectedTotal(), "every frame counted");
    }

    @Test
    void aSingleNoiseFrameLogsOneWarningAndNoSummary() {
        monitor.rejected(noise(RejectReason.INCOMPLETE, 0));
        monitor.accepted(10 * MS);
        assertEquals(1, at(Level.WARN).size(), "warning");
        assertTrue(at(Level.INFO).isEmpty(), () -> "no summary for a burst of one: " + logs.list);
    }

    @Test
    void acceptedScansAloneLogNothingAboveDebug() {
        monitor.accepted(0);
        monitor.accepted(MS);
        assertFalse(
                logs.list.stream().anyMatch(e -> e.getLevel().isGreaterOrEqual(Level.INFO)),
                () -> "happy path logged: " + logs.list);
    }
}
