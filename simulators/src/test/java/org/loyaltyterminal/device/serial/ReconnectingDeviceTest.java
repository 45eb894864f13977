package org.loyaltyterminal.device.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.retry.Backoff;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.serial.LineProblem.Kind;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;
import org.slf4j.LoggerFactory;

/** The one open-run-lose-wait-reopen loop, over a real pseudo-terminal that is plugged and unplugged. */
class ReconnectingDeviceTest {
    private static final Duration AWAIT = Duration.ofSeconds(5);
    private static final Backoff BACKOFF = Backoff.doubling(Duration.ofMillis(20), Duration.ofMillis(100));

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Logger logger;
    private Path link;
    private String component;
    private ReconnectingDevice device;

    @BeforeEach
    void setUp(TestInfo info) {
        logger = (Logger) LoggerFactory.getLogger(
                "test.reconnecting." + info.getTestMethod().orElseThrow().getName());
        logs.start();
        logger.addAppender(logs);
        link = dir.resolve("device");
        component = "test device (" + link + ")";
        device = new ReconnectingDevice(component, link, LineSettings.eightNoneOne(9600, 100), BACKOFF, logger);
    }

    @AfterEach
    void tearDown() throws Exception {
        device.stop(Duration.ofSeconds(2));
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        logger.detachAppender(logs);
    }

    /** Reads until stopped; a device that goes away ends it with LineLost. */
    private void readUntilStopped(SerialLine line, ReconnectingDevice.Connected connected) throws LineLost {
        connected.report("opened", "reconnected");
        byte[] buf = new byte[64];
        while (!device.stopping()) {
            if (line.read(buf) == 0) {
                line.ensurePresent();
            }
        }
    }

    private PseudoTerminal plug() {
        PseudoTerminal pty = PseudoTerminal.openLinkedAt(link);
        toClose.add(pty);
        return pty;
    }

    private List<String> messages(Level level) {
        return logs.list.stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void aDeviceAbsentAtStartIsWaitedForWithOneWarningThenConnects() {
        device.claimStart();
        assertEquals(ConnectionState.DISCONNECTED, device.state(), "state once started");
        device.run("test-reader", "nothing more", this::readUntilStopped);
        await(() -> !messages(Level.WARN).isEmpty(), () -> "no warning while absent");
        LockSupport.parkNanos(Duration.ofMillis(300).toNanos()); // several backoff rounds
        assertEquals(
                List.of(component + ": device not found; retrying with backoff from 20 ms up to every 100 ms"),
                messages(Level.WARN));
        assertEquals(ConnectionState.DISCONNECTED, device.state());

        plug();
        await(() -> device.state() == ConnectionState.CONNECTED, () -> "state " + device.state());
        assertEquals(List.of(component + ": reconnected"), messages(Level.INFO), "back after a problem");
    }

    @Test
    void unplugWarnsOnceClosesTheLineAndReplugReconnects() {
        PseudoTerminal first = plug();
        device.claimStart();
        device.run("test-reader", "nothing more", this::readUntilStopped);
        await(() -> device.state() == ConnectionState.CONNECTED, () -> "state " + device.state());
        assertEquals(List.of(component + ": opened"), messages(Level.INFO), "first time");

        first.close();
        await(() -> device.state() == ConnectionState.DISCONNECTED, () -> "state " + device.state());
        LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
        List<String> warns = messages(Level.WARN);
        assertEquals(1, warns.size(), () -> "WARN lines after unplug: " + warns);
        assertTrue(
                warns.getFirst().startsWith(component + ": ")
                        && warns.getFirst()
                                .endsWith("; port closed, retrying with backoff from 20 ms up to every 100 ms"),
                warns.getFirst());

        plug();
        await(() -> device.state() == ConnectionState.CONNECTED, () -> "state " + device.state());
        assertEquals(List.of(component + ": opened", component + ": reconnected"), messages(Level.INFO));
        assertEquals(1, messages(Level.WARN).size(), () -> "WARN lines at the end: " + messages(Level.WARN));
    }

    @Test
    void aDeviceThatDoesNotAnswerIsRetriedWithOneWarningPerKind() {
        plug();
        AtomicInteger sessions = new AtomicInteger();
        device.claimStart();
        device.run("test-reader", "nothing more", (line, connected) -> {
            sessions.incrementAndGet();
            throw new OpenFailed(new LineProblem(Kind.NOT_ANSWERING, "port open but the device does not answer"));
        });
        await(() -> sessions.get() >= 4, () -> "sessions run: " + sessions.get());
        assertEquals(ConnectionState.DISCONNECTED, device.state());
        assertEquals(
                List.of(
                        component
                                + ": port open but the device does not answer; retrying with backoff from 20 ms up to every 100 ms"),
                messages(Level.WARN));
        assertEquals(List.of(), messages(Level.INFO));
    }

    @Test
    void stopEndsTheThreadOnceAndTheDeviceIsOneShot() {
        plug();
        device.claimStart();
        device.run("test-reader-stop", "nothing more", this::readUntilStopped);
        await(() -> device.state() == ConnectionState.CONNECTED, () -> "state " + device.state());
        assertTrue(device.stop(Duration.ofSeconds(2)), "first stop");
        assertEquals(ConnectionState.STOPPED, device.state());
        assertFalse(
                Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(t -> t.getName().equals("test-reader-stop")),
                "thread still running after stop");
        assertFalse(device.stop(Duration.ofSeconds(2)), "second stop");
        assertThrows(IllegalStateException.class, device::claimStart, "start after stop");
        assertEquals(List.of(), messages(Level.WARN), "a clean stop logs no warning");
    }

    private static void await(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + AWAIT.toMillis() + " ms: " + what.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
