package org.loyaltyterminal.simulator.pty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.device.DeviceException;

/** The FFM pseudo-terminal, exercised with jSerialComm on the slave side as the drivers use it. */
class PseudoTerminalTest {

    @Test
    void jSerialCommOpensTheSlaveAndBytesPassUnchangedBothWays() {
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            assertTrue(Files.exists(pty.slavePath()), () -> "slave " + pty.slavePath() + " should exist");
            SerialPort port = SerialPort.getCommPort(pty.slavePath().toString());
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 1000, 0);
            assertTrue(
                    port.openPort(),
                    () -> "jSerialComm could not open " + pty.slavePath() + ", error code " + port.getLastErrorCode());
            try {
                // CR, LF and a byte that canonical mode or ICRNL would have altered must pass raw.
                byte[] sent = {'A', '\r', '\n', 0x1D, 0x03, (byte) 0xFF, 'z'};
                pty.write(sent);
                byte[] got = readExactly(port, sent.length);
                assertArrayEquals(sent, got, () -> "slave received " + Arrays.toString(got));

                byte[] back = "PING\r".getBytes(StandardCharsets.US_ASCII);
                assertEquals(back.length, port.writeBytes(back, back.length), "bytes jSerialComm wrote");
                byte[] buf = new byte[16];
                int n = pty.read(buf, Duration.ofSeconds(2));
                assertEquals(
                        "PING\r",
                        new String(buf, 0, n, StandardCharsets.US_ASCII),
                        "master should read what the host wrote, without echo or translation");
            } finally {
                port.closePort();
            }
        }
    }

    @Test
    void closingTheMasterLooksLikeAnUnplugToTheReader() {
        PseudoTerminal pty = PseudoTerminal.open();
        SerialPort port = SerialPort.getCommPort(pty.slavePath().toString());
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
        assertTrue(port.openPort(), "open slave");
        try {
            byte[] buf = new byte[8];
            assertEquals(0, port.readBytes(buf, buf.length), "idle read should time out with 0");
            pty.close();
            assertEquals(-1, port.readBytes(buf, buf.length), "read after the master closed should fail");
        } finally {
            port.closePort();
        }
    }

    @Test
    void readTimesOutWithZeroWhenNobodyHoldsTheSlave() {
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            long start = System.nanoTime();
            assertEquals(0, pty.read(new byte[4], Duration.ofMillis(120)), "bytes read");
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMillis >= 100, () -> "read returned after " + tookMillis + " ms, before the timeout");
        }
    }

    @Test
    void linkFollowsThePairAndDisappearsOnClose(@TempDir Path dir) {
        Path link = dir.resolve("scanner");
        PseudoTerminal first = PseudoTerminal.openLinkedAt(link);
        try (PseudoTerminal second = PseudoTerminal.openLinkedAt(link)) {
            assertEquals(second.slavePath(), readLink(link), "link should point at the newest pair");
            first.close();
            assertTrue(Files.isSymbolicLink(link), "closing an older pair must not remove the newer link");
        }
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS), "link removed on close");
    }

    @Test
    void useAfterCloseNamesTheSlave() {
        PseudoTerminal pty = PseudoTerminal.open();
        pty.close();
        DeviceException e = assertThrows(DeviceException.class, () -> pty.write(new byte[] {1}));
        assertTrue(e.getMessage().contains(pty.slavePath().toString()), e.getMessage());
    }

    private static Path readLink(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException e) {
            throw new AssertionError("cannot read link " + link, e);
        }
    }

    private static byte[] readExactly(SerialPort port, int count) {
        byte[] out = new byte[count];
        int got = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (got < count && System.nanoTime() < deadline) {
            byte[] buf = new byte[count - got];
            int n = port.readBytes(buf, buf.length);
            if (n < 0) {
                throw new AssertionError("read failed after " + got + " bytes, error " + port.getLastErrorCode());
            }
            System.arraycopy(buf, 0, out, got, n);
            got += n;
        }
        assertEquals(count, got, "bytes received before the deadline");
        return out;
    }
}
