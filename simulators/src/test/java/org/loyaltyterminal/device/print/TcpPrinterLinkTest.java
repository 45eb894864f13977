package org.loyaltyterminal.device.print;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.print.PrinterStatus.OfflineCause;
import org.loyaltyterminal.device.print.PrinterStatus.Online;
import org.loyaltyterminal.device.print.PrinterStatus.Paper;
import org.loyaltyterminal.simulator.printer.PrinterEmulator;
import org.loyaltyterminal.simulator.printer.PrinterEmulator.Replies;
import org.loyaltyterminal.simulator.printer.PrinterEmulator.State;
import org.loyaltyterminal.simulator.printer.TcpPrinterEmulator;

class TcpPrinterLinkTest {
    private static final Duration STATUS_TIMEOUT = Duration.ofMillis(500);
    private final PrinterEmulator device = new PrinterEmulator(EscPosDecoder.of(CodePage.PC858));
    private final TcpPrinterEmulator emulator = TcpPrinterEmulator.start(device, 0);
    private TcpPrinterLink link;

    @AfterEach
    void tearDown() {
        if (link != null) {
            link.close();
        }
        emulator.close();
    }

    private TcpPrinterLink link(Duration writeTimeout) {
        link = new TcpPrinterLink(emulator.address(), Duration.ofSeconds(2), writeTimeout, Ticker.system());
        return link;
    }

    @Test
    void printsAReceiptTheDecoderCanRead() {
        Receipt r = EscPos.start(CodePage.PC858, 32)
                .line("Gutschein 5 €")
                .qr("V-1", 4, QrErrorCorrection.M)
                .cut(CutMode.PARTIAL, 3)
                .build();
        TcpPrinterLink l = link(Duration.ofSeconds(2));
        l.open();
        l.write(r.bytes());
        assertEquals(Optional.of(new PrinterStatus(Online.ONLINE, Set.of(), Paper.OK)), l.readStatus(STATUS_TIMEOUT));
        // the status round trip orders it after the job: everything has arrived
        assertArrayEquals(r.bytes(), device.printed());
        assertEquals(new EscPosEvent.Text("Gutschein 5 €\n"), device.events().get(2));
        assertEquals(
                "Gutschein 5 €\n[QR: V-1]\n[CUT]\n",
                device.receipts().getFirst().text());
    }

    @Test
    void readsPaperEndAndItsCause() {
        device.state(State.PAPER_END);
        TcpPrinterLink l = link(Duration.ofSeconds(2));
        l.open();
        assertEquals(
                new PrinterStatus(Online.OFFLINE, Set.of(OfflineCause.PAPER_END_STOP), Paper.END),
                l.readStatus(STATUS_TIMEOUT).orElseThrow());
        device.state(State.PAPER_NEAR_END);
        PrinterStatus nearEnd = l.readStatus(STATUS_TIMEOUT).orElseThrow();
        assertEquals(Paper.NEAR_END, nearEnd.paper());
        assertTrue(nearEnd.readyToPrint());
    }

    @Test
    void aSilentPrinterTimesOutWithAMessageThatSaysSo() {
        device.replies(Replies.SILENT);
        TcpPrinterLink l = link(Duration.ofSeconds(2));
        l.open();
        DeviceException e = assertThrows(DeviceException.class, () -> l.readStatus(Duration.ofMillis(200)));
        assertTrue(e.getMessage().contains("no status reply to 10 04 01 within 200 ms"), e.getMessage());
        assertFalse(l.isOpen());
    }

    @Test
    void aPrinterThatStopsReadingCannotHoldAWriteBeyondItsTimeout() {
        device.stall(true);
        TcpPrinterLink l = link(Duration.ofMillis(300));
        l.open();
        long start = System.nanoTime();
        DeviceException e = assertThrows(DeviceException.class, () -> l.write(new byte[64 * 1024 * 1024]));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 3_000, "write returned after " + millis + " ms");
        assertTrue(e.getMessage().contains("write timed out after 300 ms"), e.getMessage());
        assertFalse(l.isOpen());
    }

    @Test
    void connectionRefusedIsADeviceException() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        link = new TcpPrinterLink(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Ticker.system());
        DeviceException e = assertThrows(DeviceException.class, link::open);
        assertTrue(e.getMessage().startsWith("printer tcp "), e.getMessage());
        assertTrue(e.getMessage().contains("connect failed"), e.getMessage());
        assertFalse(link.isOpen());
    }

    @Test
    void reopensAfterThePrinterComesBack() {
        TcpPrinterLink l = link(Duration.ofSeconds(1));
        l.open();
        emulator.powerOff();
        assertThrows(DeviceException.class, () -> l.readStatus(STATUS_TIMEOUT));
        assertFalse(l.isOpen());
        emulator.powerOn();
        l.open();
        assertTrue(l.readStatus(STATUS_TIMEOUT).orElseThrow().readyToPrint());
    }
}
