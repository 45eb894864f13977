package org.loyaltyterminal.terminal.daemon;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.simulator.bench.DaemonProcess;
import org.loyaltyterminal.simulator.demo.DemoFiles;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;

/**
 * Issue 14's repros against the packaged daemon: many scans reaching the pty while earlier ones
 * are being committed, or while the daemon is stopped, are each accepted once, none cut apart.
 */
class ScanBurstIT {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration ALL_COMMITTED = Duration.ofSeconds(90);
    private static final List<String> ITEMS =
            List.of("4001234500010", "4001234500027", "4001234500034", "4001234500041", "4001234500058");

    @TempDir
    Path dir;

    private Path jar;
    private Path config;

    @BeforeEach
    void setUp() {
        jar = PackagedJar.path();
        config = DemoFiles.write(dir, dir.resolve("scanner"));
    }

    /** Items and unique receipts; never the same code twice in a row (that would be a debounced repeat). */
    private static List<String> itemsAndReceipts(int count, int firstReceipt) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            codes.add(i % 3 == 2 ? DemoFiles.receipt(firstReceipt + i, 1_000 + i) : ITEMS.get(i % ITEMS.size()));
        }
        return codes;
    }

    private static long accepted(DaemonProcess daemon) {
        return daemon.output().stream().filter(l -> l.contains("accepted: ")).count();
    }

    private static void awaitAccepted(DaemonProcess daemon, long count) throws InterruptedException {
        long deadline = System.nanoTime() + ALL_COMMITTED.toNanos();
        while (accepted(daemon) < count && System.nanoTime() - deadline < 0) {
            daemon.await(l -> l.contains("accepted: "), Duration.ofMillis(500));
        }
    }

    private static void assertNoScanCutApart(DaemonProcess daemon) {
        assertTrue(
                daemon.output().stream()
                        .noneMatch(l -> l.contains("INCOMPLETE") || l.startsWith("WARN") || l.startsWith("ERROR")),
                () -> "a clean run: " + daemon.output());
    }

    @Test
    void sixtyScansInOneWriteAfterAMemberCardAreAllAccepted() throws Exception {
        try (PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"));
                DaemonProcess daemon = DaemonProcess.start(jar, config)) {
            assertTrue(daemon.await(l -> l.contains("ready:"), READY).isPresent(), "ready: " + daemon.output());
            PackagedJar.send(scanner, DemoFiles.memberCard(5));
            awaitAccepted(daemon, 1);
            StringBuilder burst = new StringBuilder();
            itemsAndReceipts(60, 100).forEach(c -> burst.append(c).append('\r'));
            scanner.write(burst.toString().getBytes(US_ASCII)); // one write()

            awaitAccepted(daemon, 61);
            assertEquals(61, accepted(daemon), () -> "the member card and 60 scans: " + daemon.output());
            assertNoScanCutApart(daemon);
        }
    }

    @Test
    void scansArrivingWhileTheDaemonIsStoppedAreAllAcceptedAfterItContinues() throws Exception {
        try (PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"));
                DaemonProcess daemon = DaemonProcess.start(jar, config)) {
            assertTrue(daemon.await(l -> l.contains("ready:"), READY).isPresent(), "ready: " + daemon.output());
            PackagedJar.send(scanner, DemoFiles.memberCard(5));
            awaitAccepted(daemon, 1);
            List<String> codes = itemsAndReceipts(73, 1_000);
            for (int i = 0; i < codes.size(); i++) {
                if (i == 10) {
                    signal(daemon, "STOP");
                }
                PackagedJar.send(scanner, codes.get(i));
                // A busy cashier, emulated (this is the line, not a wait for the daemon): 53 scans
                // over about 10 s while the daemon is stopped.
                pace(Duration.ofMillis(i >= 10 && i < 63 ? 190 : 40));
                if (i == 62) {
                    signal(daemon, "CONT");
                }
            }
            awaitAccepted(daemon, 74);
            assertEquals(74, accepted(daemon), () -> "the member card and 73 scans: " + daemon.output());
            assertNoScanCutApart(daemon);
        }
    }

    private static void signal(DaemonProcess daemon, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(daemon.pid()))
                .inheritIO()
                .start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }

    private static void pace(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
