package org.loyaltyterminal.device.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.print.PrintOutcome.Deferred;
import org.loyaltyterminal.device.print.PrintOutcome.Printed;
import org.loyaltyterminal.simulator.printer.PrinterEmulator;
import org.loyaltyterminal.simulator.printer.TcpPrinterEmulator;
import org.slf4j.LoggerFactory;

/** QueuedPrinter over a real TCP link to the printer emulator. */
class QueuedPrinterTest {
    private static final Duration AWAIT = Duration.ofSeconds(5);
    private final PrinterEmulator device = new PrinterEmulator(EscPosDecoder.of(CodePage.PC858));
    private final TcpPrinterEmulator emulator = TcpPrinterEmulator.start(device, 0);
    private final BlockingQueue<PrintOutcome> outcomes = new LinkedBlockingQueue<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(QueuedPrinter.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private QueuedPrinter printer;

    @BeforeEach
    void setUp() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        if (printer != null) {
            printer.close();
        }
        emulator.close();
        logger.detachAppender(logs);
    }

    private QueuedPrinter printer(int capacity) {
        PrinterSettings settings = PrinterSettings.defaults()
                .withName("till-1")
                .withQueueCapacity(capacity)
                .withStatusTimeout(Duration.ofMillis(500))
                .withReconnect(Duration.ofMillis(20), Duration.ofMillis(100));
        TcpPrinterLink link =
                new TcpPrinterLink(emulator.address(), Duration.ofMillis(500), Duration.ofSeconds(1), Ticker.system());
        printer = new QueuedPrinter(settings, link, outcomes::add, Ticker.system());
        printer.start();
        return printer;
    }

    private static PrintJob job(String id) {
        return new PrintJob(
                id,
                PrinterSettings.defaults()
                        .receipt()
                        .line("Voucher " + id)
                        .cut(CutMode.PARTIAL, 3)
                        .build());
    }

    private PrintOutcome next() throws InterruptedException {
        PrintOutcome o = outcomes.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(o, "no print outcome within " + AWAIT.toMillis() + " ms");
        return o;
    }

    private static byte[] concat(PrintJob... jobs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (PrintJob j : jobs) {
            out.writeBytes(j.receipt().bytes());
        }
        return out.toByteArray();
    }

    /** Printed means handed to the socket: wait until the emulator has read as much, then compare. */
    private void assertPrinted(byte[] expected) {
        HexFormat hex = HexFormat.ofDelimiter(" ");
        assertEquals(hex.formatHex(expected), hex.formatHex(device.awaitPrinted(expected.length, AWAIT)));
    }

    private List<ILoggingEvent> warnings() {
        return logs.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .toList();
    }

    @Test
    void printsInOrderWithoutWarnings() throws InterruptedException {
        QueuedPrinter p = printer(5);
        PrintJob a = job("A");
        PrintJob b = job("B");
        assertInstanceOf(Submission.Accepted.class, p.submit(a));
        assertInstanceOf(Submission.Accepted.class, p.submit(b));
        assertEquals(new Printed("A", 1), next());
        assertEquals(new Printed("B", 1), next());
        assertPrinted(concat(a, b));
        assertEquals(ConnectionState.CONNECTED, p.state());
        assertEquals(0, p.pending());
        assertEquals(List.of(), warnings());
    }

    @Test
    void anIdlePrinterIsAskedForStatusSoItsStateShowsWithoutAJob() throws InterruptedException {
        Duration within = Duration.ofSeconds(10);
        QueuedPrinter p = printer(5);
        awaitTrue(() -> p.state() == ConnectionState.CONNECTED, "connected before any job", within);
        assertEquals(PrinterStatus.Paper.OK, p.lastStatus().orElseThrow().paper());

        emulator.powerOff();
        awaitTrue(() -> p.state() == ConnectionState.DISCONNECTED, "unplugged shows without a job", within);
        assertTrue(p.problem().isPresent(), "the problem in words");
        emulator.powerOn();
        awaitTrue(() -> p.state() == ConnectionState.CONNECTED, "back shows without a job", within);

        device.state(PrinterEmulator.State.PAPER_NEAR_END);
        awaitTrue(
                () -> p.lastStatus().orElseThrow().paper() == PrinterStatus.Paper.NEAR_END,
                "paper low while idle",
                within);
        assertEquals(ConnectionState.CONNECTED, p.state(), "near end still prints");
        device.state(PrinterEmulator.State.COVER_OPEN);
        awaitTrue(() -> p.state() == ConnectionState.DISCONNECTED, "cover open while idle", within);
        assertTrue(p.problem().orElseThrow().contains("cover open"), p.problem().toString());
        assertEquals(0, device.printed().length, "polling prints nothing");
        assertEquals(
                2,
                warnings().size(),
                "one WARN per outage (unplugged, cover open), none while each lasts: " + warnings());
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().endsWith("ready again")), "back is logged");
    }

    @Test
    void paperEndHoldsTheJobUntilPaperIsBack() throws InterruptedException {
        device.state(PrinterEmulator.State.PAPER_END);
        QueuedPrinter p = printer(5);
        PrintJob a = job("A");
        p.submit(a);
        Deferred deferred = assertInstanceOf(Deferred.class, next());
        assertTrue(deferred.reason().contains("offline (paper end stop), paper end"), deferred.reason());
        device.awaitStatusRequests(device.statusRequests() + 4, AWAIT); // polled again while paper is out
        assertEquals(0, device.printed().length, "nothing may be sent while paper is out");
        assertEquals(1, p.pending());

        device.state(PrinterEmulator.State.READY);
        Printed printed = assertInstanceOf(Printed.class, next());
        assertTrue(printed.attempts() > 1, printed.toString());
        assertPrinted(concat(a));
        assertEquals(1, warnings().size(), "one WARN per outage: " + warnings());
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().endsWith("printing again")));
    }

    @Test
    void anAbsentPrinterNeverBlocksTheCaller() throws InterruptedException {
        emulator.powerOff();
        QueuedPrinter p = printer(5);
        PrintJob a = job("A");
        long start = System.nanoTime();
        Submission s = p.submit(a);
        long micros = (System.nanoTime() - start) / 1000;
        assertInstanceOf(Submission.Accepted.class, s);
        assertTrue(micros < 50_000, "submit took " + micros + " µs");
        Deferred d = assertInstanceOf(Deferred.class, next());
        // usually "connect failed"; a close racing the listener's last accept can give "closed the connection"
        assertTrue(d.reason().contains("connect failed") || d.reason().contains("closed the connection"), d.reason());
        awaitTrue(() -> p.state() == ConnectionState.DISCONNECTED, "state DISCONNECTED");

        emulator.powerOn();
        Printed printed = assertInstanceOf(Printed.class, next());
        assertEquals("A", printed.jobId());
        assertPrinted(concat(a));
        assertEquals(ConnectionState.CONNECTED, p.state());
    }

    @Test
    void aFullQueueRefusesNewJobsAtOnce() throws InterruptedException {
        device.state(PrinterEmulator.State.PAPER_END);
        QueuedPrinter p = printer(2);
        p.submit(job("A"));
        assertInstanceOf(Deferred.class, next()); // A is now the job being tried, outside the queue
        assertInstanceOf(Submission.Accepted.class, p.submit(job("B")));
        assertEquals(new Submission.Accepted("C", 3), p.submit(job("C")));
        long start = System.nanoTime();
        Submission.Refused refused = assertInstanceOf(Submission.Refused.class, p.submit(job("D")));
        assertTrue(System.nanoTime() - start < 50_000_000L, "refusal must be immediate");
        assertTrue(
                refused.reason().contains("queue full (2 jobs waiting, state DISCONNECTED; last problem: not ready"),
                refused.reason());

        device.state(PrinterEmulator.State.READY);
        assertEquals("A", next().jobId());
        assertEquals(new Printed("B", 1), next());
        assertEquals(new Printed("C", 1), next());
        assertEquals(0, p.pending());
    }

    @Test
    void closedOrUnstartedPrintersRefuse() {
        QueuedPrinter p = printer(2);
        p.close();
        Submission.Refused r = assertInstanceOf(Submission.Refused.class, p.submit(job("X")));
        assertTrue(r.reason().contains("is closed"), r.reason());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        awaitTrue(condition, what, AWAIT);
    }

    private static void awaitTrue(BooleanSupplier condition, String what, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }
}
