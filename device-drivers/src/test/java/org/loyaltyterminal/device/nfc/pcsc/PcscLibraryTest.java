package org.loyaltyterminal.device.nfc.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.DeviceException;

class PcscLibraryTest {
    @Test
    void multiarchPathPerJvmArchitecture() {
        assertEquals(Path.of("/usr/lib/x86_64-linux-gnu/libpcsclite.so.1"), PcscLibrary.defaultPath("amd64"));
        assertEquals(Path.of("/usr/lib/aarch64-linux-gnu/libpcsclite.so.1"), PcscLibrary.defaultPath("aarch64"));
        assertEquals(Path.of("/usr/lib/arm-linux-gnueabihf/libpcsclite.so.1"), PcscLibrary.defaultPath("arm"));
        assertEquals(Path.of("/usr/lib/i386-linux-gnu/libpcsclite.so.1"), PcscLibrary.defaultPath("x86"));
        assertThrows(IllegalArgumentException.class, () -> PcscLibrary.defaultPath(""));
    }

    @Test
    void selectingAMissingLibrarySaysWhatToInstallAndSet() {
        Path missing = Path.of("/nonexistent/libpcsclite.so.1");
        String message = assertThrows(DeviceException.class, () -> PcscLibrary.select(missing))
                .getMessage();
        assertTrue(
                message.startsWith("PC/SC library /nonexistent/libpcsclite.so.1 not found; install it with "
                        + "'apt-get install libpcsclite1 pcscd', or set -Dsun.security.smartcardio.library="),
                message);
        assertTrue(message.contains(PcscLibrary.defaultPath().toString()), message);
    }
}
