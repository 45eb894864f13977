package org.loyaltyterminal.device.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;
import org.loyaltyterminal.simulator.scanner.ScannerEmulator;
import org.loyaltyterminal.simulator.scanner.ScannerEmulator.Profile;
import org.slf4j.LoggerFactory;

/**
 * The scanner over a real pseudo-terminal while the listener (the daemon's classify-and-commit)
 * is slow or stuck: reading, framing and the silence rule must go on regardless, judged on when
 * the bytes arrived. The listener's pauses stand for commits on a slow SD card; the test itself
 * only waits for conditions, with bounds generous enough for a loaded 2-core machine.
 */
class SerialScannerSlowProcessingPtyTest {
    private static final Duration AWAIT = Duration.ofSeconds(10);

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

    private PseudoTerminal plug() {
        PseudoTerminal pty = PseudoTerminal.openLinkedAt(link);
        toClose.add(pty);
        return pty;
    }

    private SerialScanner connected(ScannerSettings s, ScanListener listener) {
        SerialScanner scanner = new SerialScanner(s, Ticker.system());
        toClose.add(scanner);
        scanner.start(listener);
        await(() -> scanner.state() == ConnectionState.CONNECTED, () -> "state " + scanner.state());
        return scanner;
    }

    /** A listener that takes {@code commit} per scan, like a commit on a slow SD card. */
    private ScanListener slow(Duration commit, CountDownLatch firstEntered) {
        return scan -> {
            firstEntered.countDown();
            long deadline = System.nanoTime() + commit.toNanos();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
            }
            scans.add(scan);
        };
    }

    /** A listener that blocks on {@code release} (a stuck commit), then records the scan. */
    private ScanListener stuckUntil(CountDownLatch release, CountDownLatch entered) {
        return scan -> {
            entered.countDown();
            try {
                if (!release.await(AWAIT.toMillis() * 3, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("test never released the listener");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            scans.add(scan);
        };
    }

    private List<String> received(int count, Duration within) {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (out.size() < count) {
                ScanEvent e = scans.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) {
                    fail("only " + out.size() + " of " + count + " scans arrived within " + within.toSeconds() + " s: "
                            + out + "; logs: " + messages());
                }
                out.add(e.payload());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return out;
    }

    private List<String> messages() {
        return logs.list.stream()
                .filter(e -> e.getFormattedMessage().contains(name))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
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

    private static void awaitLatch(CountDownLatch latch, String what) {
        try {
            if (!latch.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("not within " + AWAIT.toMillis() + " ms: " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** An EAN-13 item code from a 12-digit stem, with its check digit. */
    private static String ean13(long stem) {
        String data = String.format("%012d", stem);
        return data + CheckDigits.compute(data);
    }

    /** Items and unique receipts, as at a busy till: what the issue's repro wrote. */
    private static List<String> itemsAndReceipts(int count) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            codes.add(i % 3 == 2 ? "RCPT-2026-" + String.format("%06d", 1000 + i) : ean13(400638133390L + i));
        }
        return codes;
    }

    private static byte[] crTerminated(List<String> codes) {
        StringBuilder sb = new StringBuilder();
        codes.forEach(c -> sb.append(c).append('\r'));
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void sixtyScansInOneWriteWithA500msCommitEachAllArriveIntactAndInOrder() {
        PseudoTerminal pty = plug();
        SerialScanner scanner = connected(settings(), slow(Duration.ofMillis(500), new CountDownLatch(1)));
        List<String> codes = itemsAndReceipts(60);
        byte[] burst = crTerminated(codes);

        new ScannerEmulator(pty, Profile.factory()).sendRaw(burst); // one write()

        // 60 commits of 500 ms are 30 s of processing; the reader must have framed them all long before.
        await(() -> scanner.stats().accepted() == 60, () -> "stats " + scanner.stats() + "; logs " + messages());
        assertEquals(codes, received(60, Duration.ofSeconds(90)), "scans in order, none split");
        ScannerStats stats = scanner.stats();
        assertEquals(0, stats.rejectedTotal(), () -> "rejections: " + stats + "; logs " + messages());
        assertEquals(0, stats.handOff().dropped(), () -> "hand-off drops: " + stats);
    }

    @Test
    void aLineInTwoWritesCloseTogetherIsNotSplitWhileProcessingStallsLongerThanTheGap() {
        PseudoTerminal pty = plug();
        // Gap 300 ms, commit 1 s: the two writes are far closer than the gap even on a loaded
        // machine, and the commit far longer than it.
        CountDownLatch processing = new CountDownLatch(1);
        SerialScanner scanner =
                connected(settings().withInterCharGap(Duration.ofMillis(300)), slow(Duration.ofSeconds(1), processing));
        ScannerEmulator emu = new ScannerEmulator(pty, Profile.factory());
        String first = "4006381333931";
        String second = "0036000291452"; // EAN-13 whose tail "291452" must never become a scan

        emu.sendRaw(ScannerEmulator.concat(
                crTerminated(List.of(first)), second.substring(0, 7).getBytes(StandardCharsets.US_ASCII)));
        awaitLatch(processing, "the first scan reached the listener"); // the first commit is running
        emu.sendRaw((second.substring(7) + "\r").getBytes(StandardCharsets.US_ASCII));

        assertEquals(List.of(first, second), received(2, AWAIT), () -> "logs " + messages());
        assertEquals(0, scanner.stats().rejectedTotal(), () -> "stats " + scanner.stats() + "; logs " + messages());
    }

    @Test
    void aGenuineSilenceLongerThanTheGapEndsAPartialLineEvenWhileProcessingIsStuck() {
        PseudoTerminal pty = plug();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        toClose.add(release::countDown); // never leave the listener stuck
        SerialScanner scanner =
                connected(settings().withInterCharGap(Duration.ofMillis(100)), stuckUntil(release, entered));
        ScannerEmulator emu = new ScannerEmulator(pty, Profile.factory());

        emu.send("4006381333931");
        awaitLatch(entered, "the first scan reached the listener");
        emu.sendRaw("999".getBytes(StandardCharsets.US_ASCII)); // a partial line, then silence
        // Judged on arrival: the silence ends the partial line although the listener has not returned.
        await(
                () -> scanner.stats().rejected(RejectReason.INCOMPLETE) == 1,
                () -> "stats " + scanner.stats() + "; logs " + messages());
        emu.send("20123451");
        await(() -> scanner.stats().accepted() == 2, () -> "stats " + scanner.stats());
        release.countDown();

        assertEquals(
                List.of("4006381333931", "20123451"), received(2, AWAIT), "the partial line never prefixes a scan");
    }

    @Test
    void aFullHandOffDropsTheNewestCountsItAndWarnsOnce() {
        PseudoTerminal pty = plug();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        toClose.add(release::countDown);
        SerialScanner scanner = connected(settings(), stuckUntil(release, entered));
        ScannerEmulator emu = new ScannerEmulator(pty, Profile.factory());
        emu.send("R-first");
        awaitLatch(entered, "the first scan reached the listener"); // held by the listener, not queued
        int queued = ScanHandOff.CAPACITY;
        int extra = 10;
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < queued + extra; i++) {
            codes.add("R" + i);
        }
        emu.sendRaw(crTerminated(codes));

        // Decoded counts come before the offers of the same read: wait for the offers' outcome.
        await(
                () -> scanner.stats().accepted() == 1 + queued + extra
                        && scanner.stats().handOff().dropped() >= extra,
                () -> "stats " + scanner.stats());
        ScannerStats stats = scanner.stats();
        assertEquals(new ScannerStats.HandOff(queued, queued, extra), stats.handOff(), () -> "stats " + stats);
        List<String> warns = logs.list.stream()
                .filter(e ->
                        e.getLevel() == Level.WARN && e.getFormattedMessage().contains(name))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertEquals(1, warns.size(), () -> "one WARN for the drops, got " + warns);
        assertTrue(warns.getFirst().contains("hand-off full"), warns.getFirst());
        release.countDown();

        List<String> expected = new ArrayList<>(List.of("R-first"));
        expected.addAll(codes.subList(0, queued)); // the oldest kept, in order
        assertEquals(expected, received(1 + queued, AWAIT));
        await(() -> scanner.stats().handOff().depth() == 0, () -> "stats " + scanner.stats());
        assertTrue(
                scans.isEmpty(),
                () -> "the dropped (newest) scans were delivered: " + Arrays.toString(scans.toArray()));
    }

    @Test
    void aListenerThatFailsEveryScanIsLoggedOnceNotOncePerScan() {
        PseudoTerminal pty = plug();
        AtomicInteger calls = new AtomicInteger();
        connected(settings(), scan -> {
            calls.incrementAndGet();
            throw new IllegalStateException("storage gone");
        });
        List<String> codes = itemsAndReceipts(20);
        new ScannerEmulator(pty, Profile.factory()).sendRaw(crTerminated(codes));

        await(() -> calls.get() == 20, () -> "listener calls " + calls.get());
        List<String> warns = logs.list.stream()
                .filter(e ->
                        e.getLevel() == Level.WARN && e.getFormattedMessage().contains(name))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertEquals(1, warns.size(), () -> "WARN lines for 20 failed scans: " + warns);
        assertTrue(
                warns.getFirst().contains("storage gone") && warns.getFirst().contains("at most every"),
                warns.getFirst());
    }
}
