package org.loyaltyterminal.device.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.scan.ScannerSettings.Terminator;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;
import org.loyaltyterminal.simulator.scanner.ScannerEmulator;
import org.loyaltyterminal.simulator.scanner.ScannerEmulator.Profile;
import org.slf4j.LoggerFactory;

/**
 * SerialScanner (jSerialComm) on the slave side of a real pseudo-terminal, ScannerEmulator on the
 * master side: the real protocol over the real transport. Waiting here is bounded polling on
 * observable state; the time logic itself is covered by the pure tests with a fake ticker.
 */
class SerialScannerPtyTest {
    private static final Duration AWAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(SerialScanner.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final BlockingQueue<ScanEvent> scans = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Path link;
    private String name;

    @BeforeEach
    void setUp(TestInfo info) {
        logs.start();
        logger.addAppender(logs);
        link = dir.resolve("scanner");
        name = info.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        logger.detachAppender(logs);
    }

    private ScannerSettings settings() {
        return ScannerSettings.defaults(link)
                .withName(name)
                .withReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100));
    }

    private SerialScanner start(ScannerSettings s) {
        SerialScanner scanner = new SerialScanner(s, Ticker.system());
        toClose.add(scanner);
        scanner.start(scans::add);
        return scanner;
    }

    private PseudoTerminal plug() {
        PseudoTerminal pty = PseudoTerminal.openLinkedAt(link);
        toClose.add(pty);
        return pty;
    }

    private SerialScanner connected(ScannerSettings s) {
        SerialScanner scanner = start(s);
        await(() -> scanner.state() == ConnectionState.CONNECTED, () -> "state " + scanner.state());
        return scanner;
    }

    private ScanEvent next() {
        try {
            ScanEvent e = scans.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                fail("no scan arrived within " + AWAIT.toMillis() + " ms; logs: " + messages(Level.DEBUG));
            }
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void assertNext(Symbology symbology, String payload) {
        ScanEvent e = next();
        assertEquals(payload, e.payload(), () -> "payload of " + e);
        assertEquals(symbology, e.symbology(), () -> "symbology of " + e);
        assertEquals(name, e.source(), "source");
    }

    private List<String> messages(Level level) {
        return logs.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(level)
                        && e.getFormattedMessage().contains(name))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .toList();
    }

    private List<String> only(Level level) {
        return logs.list.stream()
                .filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(name))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static void await(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("condition not met within " + AWAIT.toMillis() + " ms: " + what.get());
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Terminator.class)
    void eachFramingVariantDeliversScansEndToEnd(Terminator terminator) {
        PseudoTerminal pty = plug();
        SerialScanner scanner = connected(settings().withTerminator(terminator));
        ScannerEmulator scanner1 = new ScannerEmulator(pty, Profile.factory().withTerminator(terminator));

        scanner1.send("4006381333931");
        assertNext(Symbology.EAN_13, "4006381333931");
        scanner1.send("MEMBER-42");
        assertNext(Symbology.UNKNOWN, "MEMBER-42");
        assertTrue(scans.isEmpty(), () -> "unexpected extra scans " + scans);
        assertEquals(0, scanner.stats().rejectedTotal(), () -> "rejections: " + scanner.stats());
        assertTrue(messages(Level.WARN).isEmpty(), () -> "happy path warned: " + messages(Level.WARN));
    }

    @Test
    void crlfScansBackToBackInOneWriteArriveInOrderWithoutEmptyLines() {
        PseudoTerminal pty = plug();
        SerialScanner scanner = connected(settings().withTerminator(Terminator.CRLF));
        ScannerEmulator emu = new ScannerEmulator(pty, Profile.factory().withTerminator(Terminator.CRLF));
        emu.sendRaw(ScannerEmulator.concat(emu.frame("", "20123451"), emu.frame("", "036000291452")));
        assertNext(Symbology.EAN_8, "20123451");
        assertNext(Symbology.UPC_A, "036000291452");
        assertEquals(0, scanner.stats().rejectedTotal(), () -> "rejections: " + scanner.stats());
    }

    @Test
    void aimIdsPrefixAndSuffixAreStrippedEndToEnd() {
        PseudoTerminal pty = plug();
        connected(settings().withPrefix("#").withSuffix("$"));
        ScannerEmulator emu = new ScannerEmulator(pty, Profile.factory().withPrefixAndSuffix("#", "$"));
        emu.sendWithAimId("]E0", "4006381333931");
        emu.sendWithAimId("]E4", "20123451");
        emu.sendWithAimId("]C1", "0104006381333931\u001D10LOT7");
        emu.sendWithAimId("]Q1", "https://example.org/m/42");
        emu.sendWithAimId("]d2", "0104006381333931");
        emu.sendWithAimId("]Z7", "VENDOR");
        assertNext(Symbology.EAN_13, "4006381333931");
        assertNext(Symbology.EAN_8, "20123451");
        assertNext(Symbology.GS1_128, "0104006381333931\u001D10LOT7");
        assertNext(Symbology.QR, "https://example.org/m/42");
        assertNext(Symbology.GS1_DATA_MATRIX, "0104006381333931");
        assertNext(Symbology.UNKNOWN, "VENDOR");
    }

    @Test
    void noiseBetweenGoodScansIsDroppedCountedAndWarnedOnceWhileGoodScansArriveInOrder() {
        PseudoTerminal pty = plug();
        SerialScanner scanner = connected(settings().withMaxLineLength(32));
        ScannerEmulator emu = new ScannerEmulator(pty, Profile.factory());
        emu.send("4006381333931");
        emu.sendRaw(new byte[] {0x00, (byte) 0xFF, 0x13, 'x', '\r'}); // binary garbage
        emu.send("A".repeat(100)); // overlong line
        emu.send("036000291452");
        for (int i = 0; i < 50; i++) {
            emu.sendRaw(new byte[] {(byte) 0x80, (byte) (0x80 + i), '\r'}); // a burst of noise
        }
        emu.send("20123451");
        assertNext(Symbology.EAN_13, "4006381333931");
        assertNext(Symbology.UPC_A, "036000291452");
        assertNext(Symbology.EAN_8, "20123451");
        ScannerStats stats = scanner.stats();
        assertEquals(3, stats.accepted(), () -> "stats " + stats);
        assertEquals(1, stats.rejected(RejectReason.TOO_LONG), () -> "stats " + stats);
        assertTrue(stats.rejected(RejectReason.NON_PRINTABLE) >= 50, () -> "stats " + stats);
        // All the noise lies within the quiet period of the previous noise, good scans or not: one
        // burst, one WARN, and one summary once the line has been quiet for the period.
        List<String> warns = only(Level.WARN);
        assertEquals(1, warns.size(), () -> "noise should warn once per burst, got " + warns);
        await(
                () -> only(Level.INFO).stream().anyMatch(m -> m.contains("noise burst over")),
                () -> "INFO lines: " + only(Level.INFO));
        List<String> summaries = only(Level.INFO).stream()
                .filter(m -> m.contains("noise burst over"))
                .toList();
        assertEquals(1, summaries.size(), () -> "summaries: " + summaries);
        assertTrue(summaries.getFirst().contains("52 frames dropped"), () -> "summaries: " + summaries);
        assertTrue(warns.stream().noneMatch(w -> w.contains("AAAAAAAAAA")), () -> "raw payload logged: " + warns);
    }

    @Test
    void aBadCheckDigitNeverReachesTheListener() {
        PseudoTerminal pty = plug();
        SerialScanner scanner = connected(settings());
        ScannerEmulator emu = new ScannerEmulator(pty, Profile.factory());
        emu.send("4006381333932"); // EAN-13 misread: check should be 1
        emu.sendWithAimId("]E0", "036000291453"); // UPC-A misread: check should be 2
        emu.send("4006381333931");
        assertNext(Symbology.EAN_13, "4006381333931");
        assertEquals(2, scanner.stats().rejected(RejectReason.BAD_CHECK_DIGIT), () -> "stats " + scanner.stats());
        assertTrue(scans.isEmpty(), () -> "unexpected scans " + scans);
    }

    @Test
    void aPartialFrameIsCompletedByTheGapWhenThereIsNoTerminator() {
        PseudoTerminal pty = plug();
        connected(settings().withTerminator(Terminator.NONE).withInterCharGap(Duration.ofMillis(300)));
        ScannerEmulator emu = new ScannerEmulator(pty, Profile.factory().withTerminator(Terminator.NONE));
        emu.sendSlowly("M-7731".getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(10));
        assertNext(Symbology.UNKNOWN, "M-7731");
        emu.send("4006381333931");
        assertNext(Symbology.EAN_13, "4006381333931");
    }

    @Test
    void aStalePartialLineIsDiscardedAndDoesNotCorruptTheNextScan() {
        PseudoTerminal pty = plug();
        SerialScanner scanner = connected(settings().withInterCharGap(Duration.ofMillis(100)));
        ScannerEmulator emu = new ScannerEmulator(pty, Profile.factory());
        emu.sendRaw("999".getBytes(StandardCharsets.US_ASCII));
        await(() -> scanner.stats().rejected(RejectReason.INCOMPLETE) == 1, () -> "stats " + scanner.stats());
        emu.send("4006381333931");
        assertNext(Symbology.EAN_13, "4006381333931");
    }

    @Test
    void unplugWarnsOnceAndReplugReconnectsUnderTheSamePath() {
        PseudoTerminal first = plug();
        SerialScanner scanner = connected(settings());
        new ScannerEmulator(first, Profile.factory()).send("4006381333931");
        assertNext(Symbology.EAN_13, "4006381333931");

        first.close(); // unplug
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS), "link gone with the device");
        await(() -> scanner.state() == ConnectionState.DISCONNECTED, () -> "state " + scanner.state());
        // Several backoff rounds (20..100 ms) pass; none of them may log again.
        LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        assertEquals(ConnectionState.DISCONNECTED, scanner.state(), "still disconnected while unplugged");
        List<String> warns = only(Level.WARN);
        assertEquals(1, warns.size(), () -> "WARN lines after unplug: " + warns);
        assertTrue(
                warns.getFirst().contains(link.toString()) && warns.getFirst().contains("retrying"),
                () -> "warning names the path and the retry: " + warns.getFirst());

        PseudoTerminal second = plug(); // replug, new /dev/pts/N
        await(() -> scanner.state() == ConnectionState.CONNECTED, () -> "state " + scanner.state());
        new ScannerEmulator(second, Profile.factory()).send("20123451");
        assertNext(Symbology.EAN_8, "20123451");
        assertEquals(
                1,
                only(Level.INFO).stream().filter(m -> m.contains("reconnected")).count(),
                () -> "INFO lines: " + only(Level.INFO));
        assertEquals(1, only(Level.WARN).size(), () -> "WARN lines at the end: " + only(Level.WARN));
    }

    @Test
    void aDeviceAbsentAtStartIsWaitedForAndThenUsed() {
        SerialScanner scanner = start(settings());
        await(() -> scanner.state() == ConnectionState.DISCONNECTED, () -> "state " + scanner.state());
        LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
        List<String> warns = only(Level.WARN);
        assertEquals(1, warns.size(), () -> "WARN lines while absent: " + warns);
        assertTrue(warns.getFirst().contains("not found"), warns.getFirst());

        PseudoTerminal pty = plug();
        await(() -> scanner.state() == ConnectionState.CONNECTED, () -> "state " + scanner.state());
        new ScannerEmulator(pty, Profile.factory()).send("4006381333931");
        assertNext(Symbology.EAN_13, "4006381333931");
    }

    @Test
    void closeStopsTheReaderThreadAndTheScannerIsOneShot() {
        plug();
        SerialScanner scanner = connected(settings());
        String threadName = "scanner-reader-" + name;
        assertTrue(
                Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(t -> t.getName().equals(threadName)),
                "reader thread is named after the scanner");
        scanner.close();
        assertEquals(ConnectionState.STOPPED, scanner.state(), "state after close");
        assertFalse(
                Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(t -> t.getName().equals(threadName)),
                "reader thread still running after close");
        assertThrows(IllegalStateException.class, () -> scanner.start(scans::add), "restart after close");
        scanner.close(); // idempotent
    }
}
