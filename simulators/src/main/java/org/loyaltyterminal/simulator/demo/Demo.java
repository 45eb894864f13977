package org.loyaltyterminal.simulator.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.nfc.pn532.Pn532Emulator;
import org.loyaltyterminal.device.print.CodePage;
import org.loyaltyterminal.device.print.EscPosDecoder;
import org.loyaltyterminal.device.print.EscPosEvent;
import org.loyaltyterminal.simulator.printer.PrintedReceipt;
import org.loyaltyterminal.simulator.printer.PrinterEmulator;
import org.loyaltyterminal.simulator.printer.TcpPrinterEmulator;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;
import org.loyaltyterminal.simulator.scanner.ScannerEmulator;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.daemon.CardReaders;
import org.loyaltyterminal.terminal.daemon.Daemon;
import org.loyaltyterminal.terminal.daemon.PrinterLinks;
import org.loyaltyterminal.terminal.daemon.SerialScanners;
import org.loyaltyterminal.terminal.ledger.ConsistencyReport;
import org.loyaltyterminal.terminal.ledger.LedgerKind;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.ledger.Redaction;
import org.loyaltyterminal.terminal.till.OutcomeText;
import org.loyaltyterminal.terminal.visit.ScanOutcome;

/**
 * The demo: the real pipeline (pseudo-terminal, serial driver, classifier, engine, SQLite) with
 * an emulated scanner playing a scripted morning, printed as a trace.
 */
public final class Demo {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DROPPED_WAIT = Duration.ofMillis(400);

    private final Path work;
    private final PrintWriter out;
    private final BlockingQueue<PrintedReceipt> printed = new LinkedBlockingQueue<>();
    /** The code in the QR of the last voucher the emulated printer cut. */
    private String lastVoucherCode = "";

    public Demo(Path work, PrintWriter out) {
        this.work = work;
        this.out = out;
    }

    /** Plays the script; returns false if the pipeline did not answer as a till should. */
    public boolean run() throws Exception {
        Path config = DemoFiles.writeWithCardReader(work, work.resolve("scanner"), work.resolve("nfc"), "link-next");
        PrinterEmulator printer = new PrinterEmulator(EscPosDecoder.of(CodePage.PC858));
        printer.addReceiptListener(printed::add);
        try (TcpPrinterEmulator tcpPrinter = TcpPrinterEmulator.start(printer, 0)) {
            DemoFiles.withPrinter(config, tcpPrinter.address());
            return run(config, tcpPrinter);
        }
    }

    private boolean run(Path config, TcpPrinterEmulator tcpPrinter) throws Exception {
        TerminalConfig terminal = new ConfigLoader().load(config);
        CampaignBundle rules = new CampaignFileLoader().load(terminal.campaignsFile());
        BlockingQueue<ScanOutcome> outcomes = new LinkedBlockingQueue<>();

        try (PseudoTerminal pty = PseudoTerminal.openLinkedAt(terminal.scanner().port());
                PseudoTerminal nfcPty = PseudoTerminal.openLinkedAt(
                        terminal.nfc().orElseThrow().port().orElseThrow());
                Pn532Emulator nfc = Pn532Emulator.start(nfcPty);
                Daemon daemon = Daemon.start(
                        terminal,
                        rules,
                        new SerialScanners(Ticker.system()),
                        new CardReaders(Ticker.system()),
                        new PrinterLinks(Ticker.system()),
                        outcomes::add,
                        InstantSource.system(),
                        Ticker.system(),
                        "demo")) {
            ScannerEmulator scanner = new ScannerEmulator(pty, ScannerEmulator.Profile.factory());
            out.printf("Loyalty terminal demo: the real pipeline on an emulated serial scanner%n");
            out.printf(
                    "  scanner    %s -> %s (pseudo-terminal, 9600 8N1, CR)%n",
                    terminal.scanner().port(), pty.slavePath());
            out.printf(
                    "  NFC reader %s -> %s (emulated PN532 on a pseudo-terminal, 115200)%n",
                    terminal.nfc().orElseThrow().port().orElseThrow(), nfcPty.slavePath());
            out.printf(
                    "  printer    %s (emulated ESC/POS printer on loopback TCP, 58 mm, code page PC858)%n",
                    tcpPrinter.address());
            out.printf("  database   %s (SQLite, WAL, synchronous=FULL)%n", terminal.databaseFile());
            out.printf(
                    "  campaigns  %s, version %d: %s%n%n",
                    terminal.campaignsFile().getFileName(),
                    rules.version(),
                    String.join(
                            ", ", rules.campaigns().stream().map(c -> c.id()).toList()));
            out.flush();
            awaitConnected(daemon);
            boolean asExpected = true;
            for (DemoScript.Step step : DemoScript.morning()) {
                out.printf("%n* %s%n", step.narration());
                switch (step) {
                    case DemoScript.Raw raw -> {
                        out.printf(
                                "  scanner sends   %s%n",
                                HexFormat.ofDelimiter(" ").formatHex(raw.bytes()));
                        out.flush();
                        scanner.sendRaw(raw.bytes());
                    }
                    case DemoScript.Scan scan -> {
                        out.printf("  scanner sends   %s%s<CR>%n", scan.aimId(), scan.payload());
                        out.flush();
                        scanner.sendWithAimId(scan.aimId(), scan.payload());
                    }
                    case DemoScript.PrintedVoucher voucher -> {
                        String payload = voucher.typed().apply(lastVoucherCode);
                        out.printf(
                                "  scanner sends   ]Q1%s<CR>%s%n",
                                payload,
                                voucher.typed() == DemoScript.AS_PRINTED
                                        ? "  (the QR code decoded from the printed voucher)"
                                        : "");
                        out.flush();
                        scanner.sendWithAimId("]Q1", payload);
                    }
                    case DemoScript.Tap tap -> {
                        out.printf(
                                "  NFC reader      a card (UID %d bytes%s) enters the field%n",
                                tap.uid().length, tap.ndefText().isPresent() ? ", NDEF Text record" : "");
                        out.flush();
                        nfc.present(tap.uid(), tap.ndefText());
                    }
                }
                asExpected &= report(step, outcomes);
                if (step instanceof DemoScript.Tap) {
                    nfc.remove();
                }
            }
            printSummary(daemon.store());
            return asExpected;
        }
    }

    private static void awaitConnected(Daemon daemon) throws InterruptedException {
        // The scanner thread opens the port asynchronously; the first scan must not race it.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((daemon.scannerState() != ConnectionState.CONNECTED
                        || daemon.cardReaderState() != ConnectionState.CONNECTED)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private boolean report(DemoScript.Step step, BlockingQueue<ScanOutcome> outcomes) throws InterruptedException {
        boolean dropped = step.dropped();
        ScanOutcome outcome =
                outcomes.poll((dropped ? DROPPED_WAIT : ANSWER_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
        if (outcome == null) {
            out.printf(
                    "  till            nothing: the driver dropped it and counted it as noise; the engine never saw it%n");
            out.flush();
            return dropped;
        }
        out.printf("  till            %s: %s%n", verdict(outcome), OutcomeText.describe(outcome));
        // A visit closed by a member card arrives as part of the opening; others come as their own outcome.
        ScanOutcome more;
        while ((more = outcomes.poll(50, TimeUnit.MILLISECONDS)) != null) {
            out.printf("  till            %s: %s%n", verdict(more), OutcomeText.describe(more));
        }
        PrintedReceipt receipt;
        while ((receipt = printed.poll(printsExpected(outcome) ? ANSWER_TIMEOUT.toMillis() : 50, TimeUnit.MILLISECONDS))
                != null) {
            out.printf("  printer         voucher %d cut; decoded from the ESC/POS bytes:%n", receipt.number());
            receipt.text().lines().forEach(line -> out.printf("                  | %s%n", line));
            receipt.events().stream()
                    .filter(e -> e instanceof EscPosEvent.QrStore)
                    .forEach(e -> lastVoucherCode = ((EscPosEvent.QrStore) e).data());
            if (printsExpected(outcome)) {
                break;
            }
        }
        out.flush();
        return !dropped;
    }

    /** Whether the outcome sent a voucher to the printer, so the trace waits for it. */
    private static boolean printsExpected(ScanOutcome outcome) {
        return switch (outcome) {
            case ScanOutcome.ItemRecorded o ->
                o.entries().stream().anyMatch(e -> e.kind() == LedgerKind.VOUCHER_ISSUED);
            case ScanOutcome.RewardBought _, ScanOutcome.VoucherReprinted _ -> true;
            default -> false;
        };
    }

    private static String verdict(ScanOutcome outcome) {
        return switch (outcome) {
            case ScanOutcome.Refused r -> "REFUSED";
            case ScanOutcome.Repeated r -> "ignored";
            case ScanOutcome.VisitClosed c -> "visit";
            case ScanOutcome.VisitOpened _,
                    ScanOutcome.VisitContinued _,
                    ScanOutcome.ItemRecorded _,
                    ScanOutcome.ReceiptCredited _,
                    ScanOutcome.CardLinked _,
                    ScanOutcome.VoucherRedeemed _,
                    ScanOutcome.RewardBought _,
                    ScanOutcome.VoucherReprinted _,
                    ScanOutcome.RefundProcessed _ -> "accepted";
        };
    }

    private void printSummary(LoyaltyStore store) {
        out.printf("%nBalances after the morning (from SQLite):%n");
        for (String card : List.of(DemoScript.ANNA, DemoScript.BEN)) {
            MemberState state = store.memberState(card);
            out.printf(
                    Locale.ROOT,
                    "  member %s  %d points, stamps %s%n",
                    Redaction.mask(card),
                    state.points(),
                    new TreeMap<>(state.stampsOnCard()));
        }
        ConsistencyReport report = store.check();
        out.printf(
                "Ledger: %d rows, last sequence %d, %d events waiting in the outbox for HQ; balances %s%n",
                report.ledgerRows(),
                report.lastSequence(),
                store.outboxDepth(),
                report.consistent() ? "equal the ledger's sums" : "DIFFER from the ledger: " + report.discrepancies());
        out.printf("Data kept in %s%n", work);
        out.flush();
    }
}
