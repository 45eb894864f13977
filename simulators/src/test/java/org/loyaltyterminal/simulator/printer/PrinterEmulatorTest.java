package org.loyaltyterminal.simulator.printer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.print.CodePage;
import org.loyaltyterminal.device.print.CutMode;
import org.loyaltyterminal.device.print.EscPos;
import org.loyaltyterminal.device.print.EscPosDecoder;
import org.loyaltyterminal.device.print.EscPosEvent;
import org.loyaltyterminal.device.print.PrinterStatus;
import org.loyaltyterminal.device.print.PrinterStatus.Online;
import org.loyaltyterminal.device.print.PrinterStatus.Paper;
import org.loyaltyterminal.device.print.QrErrorCorrection;
import org.loyaltyterminal.device.print.Receipt;
import org.loyaltyterminal.simulator.printer.PrinterEmulator.Replies;
import org.loyaltyterminal.simulator.printer.PrinterEmulator.State;
import org.slf4j.LoggerFactory;

/** The protocol side in memory: bytes in, replies and receipts out, no transport. */
class PrinterEmulatorTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final Duration AWAIT = Duration.ofSeconds(5);
    private final PrinterEmulator printer = new PrinterEmulator(EscPosDecoder.of(CodePage.PC858));
    private final List<Integer> replies = new ArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(PrinterEmulator.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    PrinterEmulatorTest() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(logs);
    }

    private void feed(byte[] bytes) {
        printer.receive(bytes, 0, bytes.length, replies::add);
    }

    private void feed(String hex) {
        feed(HEX.parseHex(hex));
    }

    private void feedByteByByte(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            printer.receive(bytes, i, 1, replies::add);
        }
    }

    private static Receipt receipt(String line) {
        return EscPos.start(CodePage.PC858, 32)
                .line(line)
                .cut(CutMode.PARTIAL, 3)
                .build();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private List<ILoggingEvent> warnings() {
        return logs.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .toList();
    }

    @Test
    void eachStateAnswersAsPrinterStatusReadsIt() {
        Map<State, String> expected = new EnumMap<>(State.class);
        expected.put(State.READY, "online, paper ok");
        expected.put(State.PAPER_NEAR_END, "online, paper near end");
        expected.put(State.PAPER_END, "offline (paper end stop), paper end");
        expected.put(State.COVER_OPEN, "offline (cover open), paper ok");
        expected.put(State.OFFLINE, "offline (error), paper ok");
        assertEquals(EnumSet.allOf(State.class), expected.keySet(), "every state needs an expected reading");
        for (State s : State.values()) {
            printer.state(s);
            replies.clear();
            feed("10 04 01 10 04 02 10 04 04"); // DLE EOT 1 (printer), 2 (offline cause), 4 (paper)
            assertEquals(3, replies.size(), s + ": replies " + replies);
            PrinterStatus status = new PrinterStatus(
                    PrinterStatus.online(replies.get(0)),
                    PrinterStatus.offlineCauses(replies.get(1)),
                    PrinterStatus.paper(replies.get(2)));
            assertEquals(expected.get(s), status.describe(), s + ": replies " + replies);
        }
        assertEquals(15, printer.statusRequests());
        assertEquals(0, printer.printed().length, "status requests must not be printed");
    }

    @Test
    void aSilentPrinterHearsTheRequestButSaysNothing() {
        printer.replies(Replies.SILENT);
        feed("10 04 01 10 04 04");
        assertEquals(List.of(), replies);
        assertEquals(2, printer.statusRequests());
    }

    @Test
    void garbageRepliesAreNotStatusBytes() {
        printer.replies(Replies.GARBAGE);
        feed("10 04 01 10 04 04");
        assertEquals(List.of(PrinterEmulator.GARBAGE_REPLY, PrinterEmulator.GARBAGE_REPLY), replies);
        assertEquals(Online.UNKNOWN, PrinterStatus.online(replies.get(0)));
        assertEquals(Paper.UNKNOWN, PrinterStatus.paper(replies.get(1)));
    }

    @Test
    void statusRequestsAreTakenOutOfTheStreamWhereverTheyAre() {
        byte[] stream = HEX.parseHex(""
                + "41 " // A
                + "10 04 01 " // DLE EOT 1: answered, not printed
                + "42 " // B
                + "10 10 04 04 " // a lone DLE (printed), then DLE EOT 4
                + "43 " // C
                + "10 04 03 " // DLE EOT 3 is not a request the emulator takes: printed as data
                + "44"); // D
        String printedHex = "41 42 10 43 10 04 03 44";
        feed(stream);
        assertEquals(printedHex, HEX.formatHex(printer.printed()));
        assertEquals(List.of(0x12, 0x12), replies);

        PrinterEmulator second = new PrinterEmulator(EscPosDecoder.of(CodePage.PC858));
        List<Integer> secondReplies = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            second.receive(stream, i, 1, secondReplies::add);
        }
        assertEquals(printedHex, HEX.formatHex(second.printed()), "the same stream one byte per read");
        assertEquals(List.of(0x12, 0x12), secondReplies);
    }

    @Test
    void aDleAtTheEndOfAReadWaitsForTheNextByte() {
        feed("41 10");
        assertEquals("41", HEX.formatHex(printer.printed()), "the DLE may start a status request");
        feed("45");
        assertEquals("41 10 45", HEX.formatHex(printer.printed()));
    }

    @Test
    void aQrStoreWhoseLengthBytesReadDleEotKeepsEveryByte() {
        // 1037 bytes of data: pL pH = 0x0410 - the bytes 10 04 then cn = 0x31, which is no request.
        Receipt r = EscPos.start(CodePage.PC858, 32)
                .qr("x".repeat(1037), 4, QrErrorCorrection.L)
                .cut(CutMode.FULL, 0)
                .build();
        assertTrue(
                HEX.formatHex(r.bytes()).contains("1d 28 6b 10 04 31 50 30"), "the test needs DLE EOT in the length");
        feed(r.bytes());
        assertArrayEquals(r.bytes(), printer.printed());
        assertEquals(List.of(), replies);
        assertEquals(
                new EscPosEvent.QrStore("x".repeat(1037)),
                printer.receipts().getFirst().events().get(5));
    }

    @Test
    void aReceiptEndsAtEachCutHoweverTheBytesArrive() {
        List<PrintedReceipt> heard = new ArrayList<>();
        printer.addReceiptListener(heard::add);
        Receipt a = receipt("Erster Bon 5 €");
        Receipt b = receipt("Zweiter Bon");
        Receipt c = receipt("Dritter Bon äöüß");
        byte[] tail =
                EscPos.start(CodePage.PC858, 32).line("no cut yet").build().bytes();

        feed(concat(a.bytes(), b.bytes())); // two receipts in one read
        feedByteByByte(concat(c.bytes(), tail)); // one read per byte, cut split across reads

        List<PrintedReceipt> receipts = printer.awaitReceipts(3, AWAIT);
        assertEquals(
                List.of(
                        new PrintedReceipt(
                                1, a.bytes(), EscPosDecoder.of(CodePage.PC858).decode(a.bytes())),
                        new PrintedReceipt(
                                2, b.bytes(), EscPosDecoder.of(CodePage.PC858).decode(b.bytes())),
                        new PrintedReceipt(
                                3, c.bytes(), EscPosDecoder.of(CodePage.PC858).decode(c.bytes()))),
                receipts);
        assertEquals("Dritter Bon äöüß\n[CUT]\n", receipts.get(2).text());
        assertEquals(receipts, heard, "one listener call per receipt, in order");
        assertEquals(concat(a.bytes(), b.bytes(), c.bytes(), tail).length, printer.printed().length);
        assertTrue(printer.text().endsWith("[CUT]\nno cut yet\n"), printer.text());
        assertEquals(List.of(), warnings());
    }

    @Test
    void waitingForAReceiptThatNeverCutsSaysWhatDidArrive() {
        feed(EscPos.start(CodePage.PC858, 32).line("no cut").build().bytes());
        DeviceException e = assertThrows(DeviceException.class, () -> printer.awaitReceipts(1, Duration.ofMillis(50)));
        assertEquals(
                "printer emulator: 0 of 1 receipts after 50 ms (12 bytes printed, 12 since the last cut, "
                        + "0 receipts, 0 status requests, state READY, replies ANSWER); check that the sender is connected, "
                        + "and that a receipt ends with GS V 65|66 n",
                e.getMessage());
    }

    @Test
    void statusRepliesGoOutBeforeTheListenersRun() {
        List<String> order = new ArrayList<>();
        printer.addReceiptListener(r -> order.add("receipt " + r.number()));
        printer.receive(
                concat(receipt("x").bytes(), HEX.parseHex("10 04 04")),
                0,
                receipt("x").bytes().length + 3,
                b -> order.add("reply " + b));
        assertEquals(List.of("reply 18", "receipt 1"), order);
    }

    @Test
    void aHostGoneBeforeItsReplyStillHasItsReceiptHeard() {
        List<PrintedReceipt> heard = new ArrayList<>();
        printer.addReceiptListener(heard::add);
        byte[] bytes = concat(receipt("x").bytes(), HEX.parseHex("10 04 01"));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> printer.receive(bytes, 0, bytes.length, b -> {
                    throw new IllegalStateException("connection reset");
                }));
        assertEquals("connection reset", e.getMessage(), "the transport learns that its reply failed");
        assertEquals(1, heard.size(), "the receipt was cut all the same");
    }

    @Test
    void aFailingListenerIsLoggedOnceAndTheOthersStillHear() {
        List<PrintedReceipt> heard = new ArrayList<>();
        printer.addReceiptListener(r -> {
            throw new IllegalStateException("demo trace broke");
        });
        printer.addReceiptListener(heard::add);
        feed(receipt("a").bytes());
        feed(receipt("b").bytes());
        assertEquals(2, heard.size(), "the second listener hears both receipts");
        assertEquals(2, printer.receipts().size());
        List<ILoggingEvent> w = warnings();
        assertEquals(2, w.size(), "one WARN per failed call: " + w);
        assertTrue(
                w.getFirst()
                        .getFormattedMessage()
                        .contains("failed on receipt #1 (java.lang.IllegalStateException: "
                                + "demo trace broke); the receipt is kept"),
                w.getFirst().getFormattedMessage());
    }

    @Test
    void waitsForBytesAndStatusRequestsFedFromAnotherThread() throws InterruptedException {
        Thread feeder = Thread.ofPlatform().name("test-feeder").start(() -> feed("41 42 10 04 01 43"));
        assertEquals("41 42 43", HEX.formatHex(printer.awaitPrinted(3, AWAIT)));
        assertEquals(1, printer.awaitStatusRequests(1, AWAIT));
        feeder.join(AWAIT);
    }
}
