package org.loyaltyterminal.simulator.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.print.CodePage;
import org.loyaltyterminal.device.print.CutMode;
import org.loyaltyterminal.device.print.EscPos;
import org.loyaltyterminal.device.print.EscPosDecoder;
import org.loyaltyterminal.device.print.QrErrorCorrection;

/** The TCP side with a plain socket as the host, so that only the emulator is under test. */
class TcpPrinterEmulatorTest {
    private static final Duration AWAIT = Duration.ofSeconds(5);
    private final PrinterEmulator printer = new PrinterEmulator(EscPosDecoder.of(CodePage.PC858));
    private final TcpPrinterEmulator emulator = TcpPrinterEmulator.start(printer, 0);

    @AfterEach
    void tearDown() {
        emulator.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(emulator.address().getAddress(), emulator.port());
        s.setSoTimeout((int) AWAIT.toMillis());
        return s;
    }

    private List<String> emulatorThreads() {
        String prefix = "printer-emulator-tcp-" + emulator.port() + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .sorted()
                .toList();
    }

    @Test
    void printsAndAnswersOverTheSocket() throws IOException, InterruptedException {
        BlockingQueue<PrintedReceipt> heard = new LinkedBlockingQueue<>();
        printer.addReceiptListener(heard::add);
        byte[] receipt = EscPos.start(CodePage.PC858, 32)
                .line("Danke für Ihren Einkauf")
                .qr("https://example.org/v/K7", 4, QrErrorCorrection.M)
                .cut(CutMode.PARTIAL, 3)
                .build()
                .bytes();
        try (Socket s = connect()) {
            s.getOutputStream().write(receipt);
            s.getOutputStream().write(new byte[] {0x10, 0x04, 0x04}); // DLE EOT 4: paper
            assertEquals(0x12, s.getInputStream().read(), "paper ok");
        }
        PrintedReceipt r = heard.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(
                "Danke für Ihren Einkauf\n[QR: https://example.org/v/K7]\n[CUT]\n",
                r == null ? "(no receipt within " + AWAIT.toMillis() + " ms)" : r.text());
        assertEquals(List.of(r), printer.awaitReceipts(1, AWAIT));
    }

    @Test
    void powerOffDropsTheConnectionsAndPowerOnListensOnTheSamePort() throws IOException {
        int port = emulator.port();
        try (Socket s = connect()) {
            s.getOutputStream().write(new byte[] {0x10, 0x04, 0x01});
            assertEquals(0x12, s.getInputStream().read());
            emulator.powerOff();
            assertEquals(List.of(), emulatorThreads(), "powerOff returns when its threads have ended");
            assertEquals(0, emulator.connections());
            InputStream in = s.getInputStream();
            try {
                assertEquals(-1, in.read(), "the host sees the connection end");
            } catch (SocketException reset) {
                // a reset is as good as an end of stream here
            }
        }
        assertThrows(ConnectException.class, this::connect, "nobody listens while the printer is off");

        emulator.powerOn();
        assertEquals(port, emulator.port());
        try (Socket s = connect()) {
            s.getOutputStream().write(new byte[] {0x10, 0x04, 0x01});
            assertEquals(0x12, s.getInputStream().read());
        }
        assertEquals(2, printer.statusRequests());
    }

    @Test
    void closeIsFinal() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(new byte[] {0x10, 0x04, 0x01});
            assertEquals(0x12, s.getInputStream().read());
            emulator.close();
        }
        emulator.close();
        assertEquals(List.of(), emulatorThreads());
        IllegalStateException e = assertThrows(IllegalStateException.class, emulator::powerOn);
        assertEquals("printer emulator tcp " + emulator.port() + ": closed; start a new one", e.getMessage());
    }

    @Test
    void aTakenPortIsNamedInTheError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DeviceException e =
                    assertThrows(DeviceException.class, () -> TcpPrinterEmulator.start(printer, taken.getLocalPort()));
            assertTrue(
                    e.getMessage()
                            .startsWith("printer emulator tcp: cannot listen on loopback port " + taken.getLocalPort()
                                    + " ("),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("); pick another port, or 0 for any free one"), e.getMessage());
        }
    }
}
