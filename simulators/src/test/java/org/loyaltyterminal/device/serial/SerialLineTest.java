package org.loyaltyterminal.device.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.device.serial.LineProblem.Kind;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;

/** The one jSerialComm adapter, on the slave side of a real pseudo-terminal. */
class SerialLineTest {
    private static final LineSettings SETTINGS = LineSettings.eightNoneOne(115_200, 100);

    @TempDir
    Path dir;

    @Test
    void permissionDeniedMessageNamesPathUserAndGroup() {
        String m = SerialLine.permissionDeniedMessage(Path.of("/dev/ttyACM0"), "loyalty", "dialout");
        assertTrue(
                m.contains("/dev/ttyACM0")
                        && m.contains("'loyalty'")
                        && m.contains("group 'dialout'")
                        && m.contains("sudo usermod -aG dialout loyalty"),
                m);
    }

    @Test
    void aMissingPathIsAbsentNotAnError() {
        OpenFailed e = assertThrows(OpenFailed.class, () -> SerialLine.open(dir.resolve("ttyACM9"), SETTINGS));
        assertEquals(Kind.ABSENT, e.problem().kind());
        assertEquals("device not found", e.getMessage());
    }

    @Test
    void bytesPassUnchangedBothWays() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open();
                SerialLine line = SerialLine.open(pty.slavePath(), SETTINGS)) {
            byte[] out = "status?\r".getBytes(StandardCharsets.US_ASCII);
            line.write(out);
            byte[] got = new byte[64];
            int n = pty.read(got, Duration.ofSeconds(2));
            assertArrayEquals(out, Arrays.copyOf(got, n), "bytes the device saw");

            byte[] back = {0x00, (byte) 0xFF, 0x0D, 0x0A, 0x11, 0x13};
            pty.write(back);
            byte[] in = new byte[64];
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (read < back.length && System.nanoTime() - deadline < 0) {
                byte[] chunk = new byte[64];
                int m = line.read(chunk);
                System.arraycopy(chunk, 0, in, read, m);
                read += m;
            }
            assertArrayEquals(
                    back, Arrays.copyOf(in, read), "bytes the line read, raw: no flow control, no CR/LF mapping");
        }
    }

    @Test
    void aQuietLineReadsNothingAfterItsTimeoutAndIsStillPresent() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open();
                SerialLine line = SerialLine.open(pty.slavePath(), SETTINGS)) {
            long start = System.nanoTime();
            assertEquals(0, line.read(new byte[16]));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(50).toNanos(), "read waited for its timeout");
            line.ensurePresent();
            assertTrue(line.isOpen());
        }
    }

    @Test
    void anUnpluggedDeviceIsNoticedAsLost() throws Exception {
        Path link = dir.resolve("scanner");
        PseudoTerminal pty = PseudoTerminal.openLinkedAt(link);
        try (SerialLine line = SerialLine.open(link, SETTINGS)) {
            pty.close(); // unplug: the master goes and the link with it
            LineLost lost = assertThrows(LineLost.class, () -> {
                for (int i = 0; i < 20; i++) {
                    if (line.read(new byte[16]) == 0) {
                        line.ensurePresent();
                    }
                }
            });
            assertTrue(
                    lost.getMessage().contains("device path disappeared")
                            || lost.getMessage().contains("device unplugged or gone"),
                    lost.getMessage());
        }
    }

    @Test
    void closeIsIdempotent() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            SerialLine line = SerialLine.open(pty.slavePath(), SETTINGS);
            line.close();
            line.close();
            assertTrue(!line.isOpen(), "closed");
        }
    }
}
