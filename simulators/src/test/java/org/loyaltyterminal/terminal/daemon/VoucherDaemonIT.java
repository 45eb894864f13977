package org.loyaltyterminal.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.device.print.CodePage;
import org.loyaltyterminal.device.print.EscPosDecoder;
import org.loyaltyterminal.device.print.EscPosEvent;
import org.loyaltyterminal.simulator.bench.DaemonProcess;
import org.loyaltyterminal.simulator.demo.DemoFiles;
import org.loyaltyterminal.simulator.printer.PrintedReceipt;
import org.loyaltyterminal.simulator.printer.PrinterEmulator;
import org.loyaltyterminal.simulator.printer.TcpPrinterEmulator;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;

/**
 * Vouchers end to end: the packaged daemon as a process, a scanner on a pseudo-terminal and a
 * printer on loopback TCP. The code redeemed is the one decoded from the printed QR bytes.
 */
class VoucherDaemonIT {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final String ANNA = DemoFiles.memberCard(1);
    private static final String ESPRESSO = "4001234500010";
    private static final String CROISSANT = "4001234500041";
    private static final String FILTER_COFFEE = "4001234500027";

    @TempDir
    Path dir;

    private Path jar;
    private Path config;

    @BeforeEach
    void setUp() {
        jar = PackagedJar.path();
        config = DemoFiles.write(dir, dir.resolve("scanner"));
    }

    /**
     * Anna fills the demo coffee card (2 stamps per item, 5 per card) with three espresso scans;
     * a croissant between them, because the same code twice in a row is a debounced repeat.
     */
    private static void completeCoffeeCard(PseudoTerminal scanner) {
        send(scanner, "]E0" + ANNA);
        for (String code : List.of(ESPRESSO, CROISSANT, ESPRESSO, CROISSANT, ESPRESSO)) {
            send(scanner, "]E0" + code);
        }
    }

    private static String qrPayload(PrintedReceipt receipt) {
        return receipt.events().stream()
                .filter(e -> e instanceof EscPosEvent.QrStore)
                .map(e -> ((EscPosEvent.QrStore) e).data())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no QR in the printed voucher: " + receipt.text()));
    }

    @Test
    void aVoucherPrintsItsCodeAndThatCodeIsRedeemedOnceAcrossARestart() throws Exception {
        PrinterEmulator printer = new PrinterEmulator(EscPosDecoder.of(CodePage.PC858));
        String code;
        try (TcpPrinterEmulator tcp = TcpPrinterEmulator.start(printer, 0);
                PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"))) {
            DemoFiles.withPrinter(config, tcp.address());
            try (DaemonProcess daemon = DaemonProcess.start(jar, config)) {
                assertTrue(daemon.await(l -> l.contains("ready:"), READY).isPresent(), "ready: " + daemon.output());
                completeCoffeeCard(scanner);
                List<PrintedReceipt> printed = printer.awaitReceipts(1, ANSWER);
                assertEquals(1, printed.size(), "one voucher printed: " + daemon.output());
                PrintedReceipt voucher = printed.getFirst();
                assertTrue(voucher.text().contains("Free coffee"), voucher.text());
                assertTrue(voucher.text().contains("Hauptstraße 5, Köln"), "umlauts through PC858: " + voucher.text());
                assertEquals(List.of(), voucher.unknown(), "only commands the decoder knows");
                code = qrPayload(voucher);
                assertTrue(voucher.text().contains(code), "the code is printed as text too: " + voucher.text());

                send(scanner, "]Q1" + code);
                assertTrue(
                        daemon.await(l -> l.contains("accepted: voucher 12/") && l.contains("redeemed"), ANSWER)
                                .isPresent(),
                        "redeemed: " + daemon.output());
                assertEquals(0, daemon.terminate(Duration.ofSeconds(15)), String.join("\n", daemon.output()));
                assertTrue(
                        daemon.output().stream().noneMatch(l -> l.startsWith("WARN") || l.startsWith("ERROR")),
                        "a clean run: " + daemon.output());
                assertTrue(
                        daemon.output().stream().noneMatch(l -> l.contains(code)),
                        "the code, a bearer token, is never logged");
            }
            try (DaemonProcess restarted = DaemonProcess.start(jar, config)) {
                assertTrue(
                        restarted.await(l -> l.contains("ready:"), READY).isPresent(),
                        "ready again: " + restarted.output());
                send(scanner, "]Q1" + code);
                assertTrue(
                        restarted
                                .await(l -> l.contains("refused:") && l.contains("already redeemed"), ANSWER)
                                .isPresent(),
                        "the second redemption is refused after the restart: " + restarted.output());
            }
        }
        PackagedJar.Result check = runJar("check", "--config", config.toString());
        assertEquals(0, check.exit(), check.output());
    }

    @Test
    void aPrinterAbsentAtStartupPrintsTheVoucherWhenItComesAndReprintsOnRequest() throws Exception {
        PrinterEmulator printer = new PrinterEmulator(EscPosDecoder.of(CodePage.PC858));
        try (TcpPrinterEmulator tcp = TcpPrinterEmulator.start(printer, 0);
                PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"))) {
            DemoFiles.withPrinter(config, tcp.address());
            tcp.powerOff();
            try (DaemonProcess daemon = issueWhileThePrinterIsAway(scanner)) {
                send(scanner, "]E0" + FILTER_COFFEE);
                assertTrue(
                        daemon.await(l -> l.contains("accepted: item " + FILTER_COFFEE), ANSWER)
                                .isPresent(),
                        "scans go on while the print waits: " + daemon.output());
                assertTrue(
                        daemon.awaitSeen(l -> l.contains("WARN") && l.contains("jobs stay queued"), ANSWER),
                        "one warning for the outage: " + daemon.output());

                tcp.powerOn();
                assertEquals(
                        1,
                        printer.awaitReceipts(1, Duration.ofSeconds(30)).size(),
                        "printed once the printer is back: " + daemon.output());

                PackagedJar.Result reprint = runJar("voucher", "reprint", "--config", config.toString());
                assertEquals(0, reprint.exit(), reprint.output());
                assertTrue(reprint.output().contains("ok: voucher 12/"), reprint.output());
                List<PrintedReceipt> both = printer.awaitReceipts(2, ANSWER);
                assertEquals(2, both.size(), "the reprint arrived: " + daemon.output());
                assertTrue(
                        both.get(1).text().contains("*** REPRINT ***"),
                        both.get(1).text());
                assertEquals(qrPayload(both.get(0)), qrPayload(both.get(1)), "the same voucher");
            }
        }
    }

    /**
     * The print is recorded in the award's transaction: a daemon killed after "accepted" and
     * before the printer took the voucher prints it exactly once after the restart, and no
     * second time (the reprint that follows is the second receipt, marked as a reprint).
     */
    @Test
    void aDaemonKilledBeforeTheVoucherPrintedPrintsItExactlyOnceAfterTheRestart() throws Exception {
        PrinterEmulator printer = new PrinterEmulator(EscPosDecoder.of(CodePage.PC858));
        try (TcpPrinterEmulator tcp = TcpPrinterEmulator.start(printer, 0);
                PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"))) {
            DemoFiles.withPrinter(config, tcp.address());
            tcp.powerOff();
            try (DaemonProcess daemon = issueWhileThePrinterIsAway(scanner)) {
                daemon.kill();
            }
            assertEquals(0, printer.receipts().size(), "nothing printed before the kill");
            tcp.powerOn();
            try (DaemonProcess restarted = DaemonProcess.start(jar, config)) {
                assertTrue(
                        restarted.await(l -> l.contains("ready:"), READY).isPresent(),
                        "ready again: " + restarted.output());
                assertEquals(
                        1,
                        printer.awaitReceipts(1, Duration.ofSeconds(30)).size(),
                        "the voucher issued before the kill prints after the restart: " + restarted.output());
                assertTrue(
                        restarted.awaitSeen(l -> l.contains("voucher 12/") && l.contains("printed"), ANSWER),
                        "its print is recorded: " + restarted.output());
                PackagedJar.Result reprint = runJar("voucher", "reprint", "--config", config.toString());
                assertEquals(0, reprint.exit(), reprint.output());
                List<PrintedReceipt> both = printer.awaitReceipts(2, ANSWER);
                assertEquals(2, both.size(), "the reprint arrived: " + restarted.output());
                assertTrue(
                        !both.get(0).text().contains("REPRINT"),
                        "the first receipt is the voucher: " + both.get(0).text());
                assertTrue(
                        both.get(1).text().contains("*** REPRINT ***"),
                        "the second is the reprint, not a second copy of the voucher: "
                                + both.get(1).text());
            }
        }
    }

    /** Starts the daemon while the printer is off and fills Anna's coffee card: its voucher is issued, not printed. */
    private DaemonProcess issueWhileThePrinterIsAway(PseudoTerminal scanner) throws InterruptedException {
        DaemonProcess daemon = DaemonProcess.start(jar, config);
        assertTrue(
                daemon.await(l -> l.contains("ready:"), READY).isPresent(),
                "ready without a printer: " + daemon.output());
        completeCoffeeCard(scanner);
        assertTrue(
                daemon.await(l -> l.contains("accepted: item") && l.contains("voucher 12/"), ANSWER)
                        .isPresent(),
                "the voucher is issued while the printer is away: " + daemon.output());
        return daemon;
    }

    private PackagedJar.Result runJar(String... args) throws IOException, InterruptedException {
        return PackagedJar.run(jar, args);
    }

    private static void send(PseudoTerminal scanner, String payload) {
        PackagedJar.send(scanner, payload);
    }
}
