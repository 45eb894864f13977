package org.loyaltyterminal.device.nfc.pn532;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.nfc.CardRead;
import org.loyaltyterminal.device.nfc.pn532.Pn532Emulator.Fault;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;
import org.slf4j.LoggerFactory;

/**
 * Pn532Reader (jSerialComm) on the slave side of a real pseudo-terminal, Pn532Emulator on the
 * master side: the real protocol over the real transport. Waits are bounded polls of observable
 * state; the time logic itself is covered by Pn532PresentationsTest with explicit times.
 */
class Pn532ReaderPtyTest {
    private static final Duration AWAIT = Duration.ofSeconds(5);
    private static final byte[] A = HexFormat.of().parseHex("047A3B526B8081");
    private static final byte[] B = HexFormat.of().parseHex("DEADBEEF");
    private static final byte[] C = HexFormat.of().parseHex("0102030405060708090A");
    private static final Duration REARM = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(Pn532Reader.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final BlockingQueue<CardRead> reads = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Path link;
    private String name;

    @BeforeEach
    void setUp(TestInfo info) {
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.DEBUG);
        link = dir.resolve("pn532");
        name = info.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        logger.detachAppender(logs);
        logger.setLevel(null);
        String all = String.join("\n", messages(Level.DEBUG));
        for (byte[] uid : List.of(A, B, C)) {
            String hex = HexFormat.of().formatHex(uid);
            assertFalse(all.toLowerCase(Locale.ROOT).contains(hex), () -> "a UID was logged in clear: " + all);
        }
    }

    private Pn532Settings settings() {
        return Pn532Settings.defaults(link)
                .withName(name)
                .withPollInterval(Duration.ofMillis(20))
                .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1))
                .withAbsentBeforeRearm(REARM)
                .withReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100));
    }

    private Pn532Emulator plug() {
        PseudoTerminal pty = PseudoTerminal.openLinkedAt(link);
        toClose.add(pty);
        Pn532Emulator emu = Pn532Emulator.start(pty);
        toClose.add(emu);
        return emu;
    }

    private Pn532Reader connected(Pn532Settings s) {
        Pn532Reader reader = new Pn532Reader(s, Ticker.system());
        toClose.add(reader);
        reader.start(reads::add);
        await(
                () -> reader.state() == ConnectionState.CONNECTED,
                () -> "state " + reader.state() + "; logs " + messages(Level.DEBUG));
        return reader;
    }

    private CardRead next() {
        try {
            CardRead r = reads.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                fail("no card read within " + AWAIT.toMillis() + " ms; logs: " + messages(Level.DEBUG));
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void assertNext(byte[] uid, Optional<String> member) {
        CardRead r = next();
        assertArrayEquals(uid, r.uid().toArray(), () -> "UID of " + r);
        assertEquals(member, r.memberNumber(), () -> "member number of " + r);
        assertEquals(name, r.source(), "source");
    }

    /** Lets {@code polls} more InListPassiveTarget commands reach the emulator, then asserts nothing was read. */
    private void assertNoReadDuring(Pn532Emulator emu, int polls) {
        long target = emu.count(Pn532Command.IN_LIST_PASSIVE_TARGET) + polls;
        await(() -> emu.count(Pn532Command.IN_LIST_PASSIVE_TARGET) >= target, () -> "polls " + emu.commandsReceived());
        assertTrue(reads.isEmpty(), () -> "unexpected card reads " + reads);
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

    private void assertNoWarnings() {
        assertTrue(
                only(Level.WARN).isEmpty() && only(Level.ERROR).isEmpty(), () -> "warnings: " + messages(Level.WARN));
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

    @Test
    void startUpWakesTheChipSendsSamConfigurationFirstThenFirmwareThenMaxRetriesThenPolls() {
        Pn532Emulator emu = plug();
        connected(settings());
        await(() -> emu.count(Pn532Command.IN_LIST_PASSIVE_TARGET) >= 2, () -> "commands " + emu.commandsReceived());
        assertTrue(emu.awake(), "wake-up bytes sent");
        List<Integer> first = emu.commandsReceived().subList(0, 4);
        assertEquals(List.of(0x14, 0x02, 0x32, 0x4A), first, "start-up order");
        List<String> infos = only(Level.INFO);
        assertEquals(
                1,
                infos.stream().filter(m -> m.contains("IC 0x32 firmware 1.6")).count(),
                () -> "firmware logged once at INFO: " + infos);
        assertTrue(reads.isEmpty(), () -> "reads without a card " + reads);
        assertTrue(emu.lastPollAnswerTime().isPresent(), "emulator measured its answer time");
        assertNoWarnings();
    }

    @Test
    void aCardHeldOnTheReaderIsReadOnceAndAgainOnlyAfterBeingAwayLongEnough() {
        Pn532Emulator emu = plug();
        connected(settings());
        emu.present(A, Optional.empty());
        assertNext(A, Optional.empty());
        // Held: polls go on for well over the re-arm time without a second read.
        long held = System.nanoTime();
        assertNoReadDuring(emu, 30);
        assertTrue(System.nanoTime() - held > REARM.toNanos(), "held longer than the re-arm time");

        emu.remove();
        assertNoReadDuring(emu, 5);
        LockSupport.parkNanos(REARM.toNanos() + Duration.ofMillis(100).toNanos());
        emu.present(A, Optional.empty());
        assertNext(A, Optional.empty());
        assertNoReadDuring(emu, 10);
        assertNoWarnings();
    }

    @Test
    void twoCardsAlternatelyAreEachANewPresentation() {
        Pn532Emulator emu = plug();
        connected(settings());
        emu.present(A, Optional.empty());
        assertNext(A, Optional.empty());
        emu.present(B, Optional.empty());
        assertNext(B, Optional.empty());
        emu.present(A, Optional.empty());
        assertNext(A, Optional.empty());
        emu.present(C, Optional.empty());
        assertNext(C, Optional.empty());
        emu.presentAlso(B, Optional.empty()); // C and B in the field: C stays listed
        assertNoReadDuring(emu, 10);
        assertNoWarnings();
    }

    @Test
    void theMemberNumberIsReadFromNdefWhenConfigured() {
        Pn532Emulator emu = plug();
        connected(settings().withReadNdef(true));
        emu.present(A, Optional.of("M12345"));
        assertNext(A, Optional.of("M12345"));
        emu.present(B, Optional.of("M-2024-000000000000123")); // TLV over 16 bytes: two READs
        assertNext(B, Optional.of("M-2024-000000000000123"));
        emu.present(C, Optional.empty()); // blank card: UID only
        assertNext(C, Optional.empty());
        assertNoWarnings();
    }

    private void faultedPollStillReadsTheCard(Fault fault) {
        Pn532Emulator emu = plug();
        connected(settings());
        emu.failNext(Pn532Command.IN_LIST_PASSIVE_TARGET, fault);
        emu.present(A, Optional.empty());
        assertNext(A, Optional.empty());
        assertEquals(0, emu.pendingFaults(), "the fault was applied");
        assertNoReadDuring(emu, 5);
        assertNoWarnings();
    }

    @Test
    void aDelayedAckWithinTheTimeoutWorks() {
        Pn532Emulator emu = plug();
        connected(settings());
        emu.failNext(Pn532Command.IN_LIST_PASSIVE_TARGET, new Fault.DelayedAck(Duration.ofMillis(150)));
        emu.present(A, Optional.empty());
        assertNext(A, Optional.empty());
        assertEquals(0, emu.pendingFaults(), "the fault was applied");
        assertEquals(0, emu.acksReceived(), "no command was cancelled");
        assertNoWarnings();
    }

    @Test
    void aMissingAckTimesOutIsCancelledWithAnAckAndTheReaderRecovers() {
        Pn532Emulator emu = plug();
        connected(settings());
        emu.failNext(Pn532Command.IN_LIST_PASSIVE_TARGET, new Fault.MissingAck());
        emu.present(A, Optional.empty());
        assertNext(A, Optional.empty());
        assertEquals(1, emu.acksReceived(), () -> "cancelling ACKs from the host: " + emu.received());
        assertTrue(
                messages(Level.DEBUG).stream().anyMatch(m -> m.contains("no ACK within 300 ms")),
                () -> "debug log: " + messages(Level.DEBUG));
        assertNoWarnings();
    }

    @Test
    void aNackMakesTheReaderResendOnce() {
        faultedPollStillReadsTheCard(new Fault.NackFirst());
    }

    @Test
    void aBadLcsInTheResponseIsSurvived() {
        faultedPollStillReadsTheCard(new Fault.BadLcs());
    }

    @Test
    void aBadDcsInTheResponseIsSurvived() {
        faultedPollStillReadsTheCard(new Fault.BadDcs());
    }

    @Test
    void anErrorFrameInsteadOfTheResponseIsSurvived() {
        faultedPollStillReadsTheCard(new Fault.ErrorInsteadOfResponse());
    }

    @Test
    void aLateResponseAfterTheTimeoutIsNotTakenAsTheAnswerToTheNextCommand() {
        Pn532Emulator emu = plug();
        connected(settings());
        // The one poll that sees A is answered 900 ms late (the host gives up after 300 ms).
        emu.failNext(Pn532Command.IN_LIST_PASSIVE_TARGET, new Fault.LateResponse(Duration.ofMillis(900)));
        emu.present(A, Optional.empty());
        await(() -> emu.pendingFaults() == 0, () -> "fault not applied; commands " + emu.commandsReceived());
        emu.present(B, Optional.empty()); // by the time the late "A" arrives, B is there
        assertNext(B, Optional.empty());
        assertNoReadDuring(emu, 10); // and the stale A never surfaces
        assertTrue(emu.acksReceived() >= 1, () -> "the timed-out poll was cancelled: " + emu.received());
        assertNoWarnings();
    }

    @Test
    void aCardRemovedMidReadYieldsNoReadUntilItIsBack() {
        Pn532Emulator emu = plug();
        connected(settings().withReadNdef(true));
        emu.failNext(Pn532Command.IN_DATA_EXCHANGE, new Fault.CardRemovedMidRead());
        emu.present(A, Optional.of("M12345"));
        await(() -> emu.pendingFaults() == 0, () -> "fault not applied; commands " + emu.commandsReceived());
        assertNoReadDuring(emu, 10);
        emu.present(A, Optional.of("M12345"));
        assertNext(A, Optional.of("M12345"));
        assertNoWarnings();
    }

    @Test
    void unplugWarnsOnceAndReplugReconnectsUnderTheSamePathAndReadsAgain() {
        Pn532Emulator first = plug();
        Pn532Reader reader = connected(settings());
        first.present(A, Optional.empty());
        assertNext(A, Optional.empty());

        first.unplug();
        await(() -> reader.state() == ConnectionState.DISCONNECTED, () -> "state " + reader.state());
        LockSupport.parkNanos(Duration.ofMillis(500).toNanos()); // several backoff rounds
        assertEquals(ConnectionState.DISCONNECTED, reader.state(), "still disconnected while unplugged");
        List<String> warns = only(Level.WARN);
        assertEquals(1, warns.size(), () -> "WARN lines after unplug: " + warns);
        assertTrue(
                warns.getFirst().contains(link.toString()) && warns.getFirst().contains("retrying"),
                () -> "warning names the path and the retry: " + warns.getFirst());

        Pn532Emulator second = plug(); // replug: new pty, same path
        await(() -> reader.state() == ConnectionState.CONNECTED, () -> "state " + reader.state());
        assertEquals(List.of(0x14, 0x02, 0x32), second.commandsReceived().subList(0, 3), "start-up again");
        second.present(B, Optional.empty());
        assertNext(B, Optional.empty());
        assertEquals(
                1,
                only(Level.INFO).stream().filter(m -> m.contains("reconnected")).count(),
                () -> "INFO lines: " + only(Level.INFO));
        assertEquals(1, only(Level.WARN).size(), () -> "WARN lines at the end: " + only(Level.WARN));
    }

    @Test
    void closeStopsTheReaderThreadAndTheReaderIsOneShot() {
        plug();
        Pn532Reader reader = connected(settings());
        String threadName = "nfc-reader-" + name;
        assertTrue(
                Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(t -> t.getName().equals(threadName)),
                "reader thread is named after the reader");
        reader.close();
        assertEquals(ConnectionState.STOPPED, reader.state(), "state after close");
        assertFalse(
                Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(t -> t.getName().equals(threadName)),
                "reader thread still running after close");
        assertThrows(IllegalStateException.class, () -> reader.start(reads::add), "restart after close");
        reader.close();
        assertNoWarnings();
    }
}
