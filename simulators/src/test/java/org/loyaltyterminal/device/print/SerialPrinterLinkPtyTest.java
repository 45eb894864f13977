package org.loyaltyterminal.device.print;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.print.PrinterStatus.Paper;
import org.loyaltyterminal.simulator.printer.PrinterEmulator;
import org.loyaltyterminal.simulator.printer.PrinterEmulator.Replies;
import org.loyaltyterminal.simulator.printer.PrinterEmulator.State;
import org.loyaltyterminal.simulator.printer.PtyPrinterEmulator;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;

/** SerialPrinterLink (jSerialComm) on the slave of a real pty; the emulated printer on the master. */
class SerialPrinterLinkPtyTest {
    private final PrinterEmulator printer = new PrinterEmulator(EscPosDecoder.of(CodePage.PC858));
    private final PtyPrinterEmulator emulator = PtyPrinterEmulator.start(printer, PseudoTerminal.open());
    private SerialPrinterLink link;

    @AfterEach
    void tearDown() {
        if (link != null) {
            link.close();
        }
        emulator.close();
    }

    @Test
    void printsAndReadsStatus() {
        link = new SerialPrinterLink(emulator.devicePath(), 19200, Duration.ofSeconds(2), Ticker.system());
        link.open();
        Receipt r = EscPos.start(CodePage.PC858, 48)
                .line("Treuepunkte: 120")
                .code128("M-77")
                .build();
        link.write(r.bytes());
        assertTrue(link.readStatus(Duration.ofSeconds(1)).orElseThrow().readyToPrint());
        assertArrayEquals(r.bytes(), printer.printed());

        printer.state(State.PAPER_END);
        PrinterStatus out = link.readStatus(Duration.ofSeconds(1)).orElseThrow();
        assertEquals(Paper.END, out.paper());
        assertEquals("offline (paper end stop), paper end", out.describe());
    }

    @Test
    void aPrinterThatStopsTakingBytesCannotHoldAWriteBeyondItsTimeout() {
        printer.stall(true);
        link = new SerialPrinterLink(emulator.devicePath(), 115200, Duration.ofMillis(300), Ticker.system());
        link.open();
        DeviceException e = assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThrows(DeviceException.class, () -> link.write(new byte[1024 * 1024])));
        assertTrue(e.getMessage().contains("write timed out after 300 ms"), e.getMessage());
    }

    @Test
    void noReplyIsATimeout() {
        printer.replies(Replies.SILENT);
        link = new SerialPrinterLink(emulator.devicePath(), 9600, Duration.ofSeconds(2), Ticker.system());
        link.open();
        DeviceException e = assertThrows(DeviceException.class, () -> link.readStatus(Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("no status reply to 10 04 01 within 300 ms"), e.getMessage());
    }
}
