package org.loyaltyterminal.simulator.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.print.CodePage;
import org.loyaltyterminal.device.print.CutMode;
import org.loyaltyterminal.device.print.EscPos;
import org.loyaltyterminal.device.print.EscPosDecoder;
import org.loyaltyterminal.device.print.PrinterStatus;
import org.loyaltyterminal.device.print.SerialPrinterLink;
import org.loyaltyterminal.simulator.printer.PrinterEmulator.Replies;
import org.loyaltyterminal.simulator.printer.PrinterEmulator.State;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;

/** The pty side, driven by the real serial driver as the daemon uses it. */
class PtyPrinterEmulatorTest {
    private static final Duration AWAIT = Duration.ofSeconds(5);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(1);
    private final PrinterEmulator printer = new PrinterEmulator(EscPosDecoder.of(CodePage.PC858));
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    private SerialPrinterLink openLink(Path device) {
        SerialPrinterLink link =
                closeLater(new SerialPrinterLink(device, 115200, Duration.ofSeconds(2), Ticker.system()));
        link.open();
        return link;
    }

    private static byte[] receipt(String line) {
        return EscPos.start(CodePage.PC858, 48)
                .line(line)
                .cut(CutMode.FULL, 2)
                .build()
                .bytes();
    }

    @Test
    void unplugAndReplugUnderTheSameLink() {
        Path device = dir.resolve("printer");
        PtyPrinterEmulator first = closeLater(PtyPrinterEmulator.start(printer, PseudoTerminal.openLinkedAt(device)));
        assertEquals(device.toAbsolutePath(), first.devicePath());

        SerialPrinterLink link = openLink(first.devicePath());
        link.write(receipt("Bon 1: 3,50 €"));
        assertTrue(link.readStatus(STATUS_TIMEOUT).orElseThrow().readyToPrint());

        first.unplug();
        assertFalse(Files.exists(device, LinkOption.NOFOLLOW_LINKS), "unplug removes the link");
        assertThrows(DeviceException.class, () -> link.readStatus(STATUS_TIMEOUT), "the host sees the printer gone");
        link.close();

        PtyPrinterEmulator second = closeLater(PtyPrinterEmulator.start(printer, PseudoTerminal.openLinkedAt(device)));
        SerialPrinterLink again = openLink(second.devicePath());
        again.write(receipt("Bon 2: Größe M"));
        assertTrue(again.readStatus(STATUS_TIMEOUT).orElseThrow().readyToPrint());

        List<PrintedReceipt> receipts = printer.awaitReceipts(2, AWAIT);
        assertEquals(
                List.of("Bon 1: 3,50 €\n[CUT]\n", "Bon 2: Größe M\n[CUT]\n"),
                receipts.stream().map(PrintedReceipt::text).toList());
    }

    @Test
    void theSwitchesReachTheSerialDriver() {
        PtyPrinterEmulator emulator = closeLater(PtyPrinterEmulator.start(printer, PseudoTerminal.open()));
        SerialPrinterLink link = openLink(emulator.devicePath());

        printer.state(State.COVER_OPEN);
        assertEquals(
                "offline (cover open), paper ok",
                link.readStatus(STATUS_TIMEOUT).orElseThrow().describe());

        printer.replies(Replies.GARBAGE);
        PrinterStatus garbled = link.readStatus(STATUS_TIMEOUT).orElseThrow();
        assertEquals(PrinterStatus.Online.UNKNOWN, garbled.online());
        assertFalse(garbled.readyToPrint(), garbled.describe());
    }
}
