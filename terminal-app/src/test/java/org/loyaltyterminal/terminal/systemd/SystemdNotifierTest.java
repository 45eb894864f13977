package org.loyaltyterminal.terminal.systemd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.terminal.health.HealthReport;
import org.loyaltyterminal.terminal.health.Problem;
import org.loyaltyterminal.terminal.health.Severity;

/** The notification protocol over a real unix datagram socket, bound here as systemd binds it. */
class SystemdNotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void readyStatusWatchdogAndStoppingArriveAsSystemdReadsThem() {
        NotifyAddress address = new NotifyAddress(dir.resolve("notify").toString());
        try (UnixDatagramSocket systemd = UnixDatagramSocket.bound(address);
                ServiceNotifier notifier = ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", address.value()))) {
            assertTrue(notifier.active());
            notifier.ready("ready: scanner connected,\nnfc absent");
            assertEquals(
                    "READY=1\nSTATUS=ready: scanner connected, nfc absent",
                    next(systemd),
                    "one datagram, assignments on separate lines, the status kept on one line");
            notifier.watchdog();
            assertEquals("WATCHDOG=1", next(systemd));
            notifier.stopping("stopping");
            assertEquals("STOPPING=1\nSTATUS=stopping", next(systemd));
        }
    }

    @Test
    void anAbstractAddressHasNoPathOnDisk() {
        String name = "@loyalty-test-" + UUID.randomUUID();
        NotifyAddress address = new NotifyAddress(name);
        try (UnixDatagramSocket systemd = UnixDatagramSocket.bound(address);
                ServiceNotifier notifier = ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", name))) {
            notifier.status("abstract");
            assertEquals("STATUS=abstract", next(systemd));
        }
        assertFalse(dir.resolve(name).toFile().exists());
    }

    @Test
    void withoutNotifySocketNothingIsSentAndNothingFails() {
        ServiceNotifier notifier = ServiceNotifier.fromEnvironment(Map.of());
        assertInstanceOf(ServiceNotifier.Absent.class, notifier);
        notifier.ready("ready");
        assertFalse(notifier.active());
    }

    @Test
    void aVanishedListenerIsNotTheCallersProblem() {
        NotifyAddress address = new NotifyAddress(dir.resolve("gone").toString());
        try (ServiceNotifier notifier = ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", address.value()))) {
            notifier.watchdog(); // ENOENT: logged once, not thrown
            notifier.watchdog();
        }
    }

    @Test
    void unusableAddressesAreRefusedWithTheValue() {
        var vsock = assertThrows(NotifyException.class, () -> new NotifyAddress("vsock:2:1234"));
        assertTrue(vsock.getMessage().contains("vsock:2:1234"), vsock.getMessage());
        var tooLong = assertThrows(NotifyException.class, () -> new NotifyAddress("/" + "x".repeat(120)));
        assertTrue(tooLong.getMessage().contains("107 bytes"), tooLong.getMessage());
    }

    @Test
    void theWatchdogIntervalIsForThisProcessOnly() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), Watchdog.interval(Map.of("WATCHDOG_USEC", "30000000"), 42));
        assertEquals(
                Optional.of(Duration.ofSeconds(30)),
                Watchdog.interval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "42"), 42));
        assertEquals(
                Optional.empty(),
                Watchdog.interval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 42),
                "a child that inherited the variables does not ping");
        assertEquals(Optional.empty(), Watchdog.interval(Map.of(), 42));
        assertEquals(Optional.empty(), Watchdog.interval(Map.of("WATCHDOG_USEC", "0"), 42));
        assertThrows(NotifyException.class, () -> Watchdog.interval(Map.of("WATCHDOG_USEC", "soon"), 42));
    }

    @Test
    void theWatchdogPingsOnlyWhileHealthyAndSaysWhyOnce() {
        NotifyAddress address = new NotifyAddress(dir.resolve("notify").toString());
        Instant now = Instant.parse("2025-11-24T09:30:00Z");
        HealthReport healthy = HealthReport.allWell(now);
        AtomicReference<HealthReport> health = new AtomicReference<>(healthy);
        try (UnixDatagramSocket systemd = UnixDatagramSocket.bound(address);
                ServiceNotifier notifier = ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", address.value()))) {
            Watchdog watchdog = new Watchdog(notifier, health::get, null);
            watchdog.tick();
            assertEquals("WATCHDOG=1", next(systemd));
            health.set(new HealthReport(
                    now,
                    List.of(
                            new Problem(
                                    "scanner",
                                    Severity.FAULT,
                                    "the barcode scanner is not connected",
                                    "plug it in",
                                    now),
                            new Problem("hq-link", Severity.NOTICE, "no connection to head office", "wait", now))));
            watchdog.tick();
            assertEquals("WATCHDOG=1", next(systemd), "an unplugged scanner or HQ offline is no reason for a restart");
            health.set(new HealthReport(
                    now,
                    List.of(new Problem(
                            "scan-loop", Severity.STUCK, "scan loop busy on one scan for 12 s", "nothing", now))));
            watchdog.tick();
            watchdog.tick();
            assertEquals("STATUS=stuck: scan loop busy on one scan for 12 s", next(systemd));
            assertEquals(
                    Optional.empty(),
                    systemd.receive(Duration.ofMillis(200), 4096),
                    "no ping and no second status while unhealthy");
            health.set(healthy);
            watchdog.tick();
            assertEquals("STATUS=running", next(systemd));
            assertEquals("WATCHDOG=1", next(systemd));
        }
    }

    private static String next(UnixDatagramSocket socket) {
        return new String(
                socket.receive(WAIT, 4096).orElseThrow(() -> new AssertionError("no datagram within " + WAIT)), UTF_8);
    }
}
