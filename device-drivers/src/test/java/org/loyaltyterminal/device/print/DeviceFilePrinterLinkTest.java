package org.loyaltyterminal.device.print;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.device.DeviceException;

class DeviceFilePrinterLinkTest {
    @TempDir
    Path dir;

    @Test
    void writesTheJobAndHasNoStatus() throws IOException {
        Path lp = Files.createFile(dir.resolve("lp0"));
        Receipt r = EscPos.start(CodePage.PC858, 32)
                .line("Danke!")
                .cut(CutMode.FULL, 2)
                .build();
        try (DeviceFilePrinterLink link = new DeviceFilePrinterLink(lp)) {
            link.open();
            link.write(r.bytes());
            link.write(r.bytes());
            assertEquals(Optional.empty(), link.readStatus(Duration.ofMillis(100)));
        }
        byte[] twice = new byte[r.length() * 2];
        System.arraycopy(r.bytes(), 0, twice, 0, r.length());
        System.arraycopy(r.bytes(), 0, twice, r.length(), r.length());
        assertArrayEquals(twice, Files.readAllBytes(lp));
    }

    @Test
    void aMissingDeviceIsNamed() {
        DeviceFilePrinterLink link = new DeviceFilePrinterLink(dir.resolve("lp9"));
        DeviceException e = assertThrows(DeviceException.class, link::open);
        assertTrue(e.getMessage().contains("lp9: not found"), e.getMessage());
    }
}
