package org.loyaltyterminal.device.print;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.print.PrinterStatus.Paper;
import org.loyaltyterminal.device.pty.PseudoTerminal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SerialPrinterLink (jSerialComm) on the slave of a real pty; the emulated printer on the master. */
class SerialPrinterLinkPtyTest {
    private final PseudoTerminal pty = PseudoTerminal.open();
    private final EmulatedPrinter printer = new EmulatedPrinter();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread emulator = Thread.ofPlatform().name("pty-printer").daemon(true).start(this::serve);
    private SerialPrinterLink link;

    private void serve() {
        byte[] buf = new byte[512];
        while (stop.getCount() > 0) {
            int n = pty.read(buf, Duration.ofMillis(50));
            if (n > 0) {
                printer.receive(buf, n, b -> pty.write(new byte[] {(byte) b}));
            }
        }
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (link != null) {
            link.close();
        }
        stop.countDown();
        emulator.join(Duration.ofSeconds(2));
        pty.close();
    }

    @Test
    void printsAndReadsStatus() {
        link = new SerialPrinterLink(pty.slavePath(), 19200, Duration.ofSeconds(2), Ticker.system());
        link.open();
        Receipt r = EscPos.start(CodePage.PC858, 48).line("Treuepunkte: 120").code128("M-77").build();
        link.write(r.bytes());
        assertTrue(link.readStatus(Duration.ofSeconds(1)).orElseThrow().readyToPrint());
        assertArrayEquals(r.bytes(), printer.printed());

        printer.paperOut();
        PrinterStatus out = link.readStatus(Duration.ofSeconds(1)).orElseThrow();
        assertEquals(Paper.END, out.paper());
        assertEquals("offline (paper end stop), paper end", out.describe());
    }

    @Test
    void aPrinterThatStopsTakingBytesCannotHoldAWriteBeyondItsTimeout() {
        stop.countDown();
        link = new SerialPrinterLink(pty.slavePath(), 115200, Duration.ofMillis(300), Ticker.system());
        link.open();
        DeviceException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(DeviceException.class, () -> link.write(new byte[1024 * 1024])));
        assertTrue(e.getMessage().contains("write timed out after 300 ms"), e.getMessage());
    }

    @Test
    void noReplyIsATimeout() {
        printer.answering(false);
        link = new SerialPrinterLink(pty.slavePath(), 9600, Duration.ofSeconds(2), Ticker.system());
        link.open();
        DeviceException e = assertThrows(DeviceException.class, () -> link.readStatus(Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("no status reply to 10 04 01 within 300 ms"), e.getMessage());
    }
}
