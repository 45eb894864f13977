package org.loyaltyterminal.terminal.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.voucher.VoucherKey;

class VoucherKeyFileTest {
    private static final String HEX_32 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    @Test
    void readsAHexFileOnlyItsOwnerMayRead() throws Exception {
        Path file = keyFile(HEX_32 + "\n", "rw-r-----");
        VoucherKey key = VoucherKeyFile.read(file);
        assertEquals(VoucherKey.of(HexFormat.of().parseHex(HEX_32)), key);
        assertEquals("VoucherKey(32 bytes)", key.toString());
        assertFalse(key.toString().contains("0011"), key.toString());
    }

    @Test
    void refusesAWorldReadableFile() throws Exception {
        Path file = keyFile(HEX_32, "rw-r--r--");
        assertRefused(file, "is readable by every user; restrict it: chmod 640 " + file);
    }

    @Test
    void refusesAMissingFileAndSaysHowToMakeOne() {
        Path file = dir.resolve("voucher.key");
        assertRefused(file, "does not exist; create it once with 'openssl rand -hex 32 > " + file + "'");
    }

    @Test
    void refusesTextThatIsNotHex() throws Exception {
        assertRefused(keyFile("not a key", "rw-------"), "does not hold hex digits only");
    }

    @Test
    void refusesAShortKey() throws Exception {
        assertRefused(keyFile(HEX_32.substring(2), "rw-------"), "holds 31 bytes; use at least 32");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VoucherKey.of(new byte[31]));
        assertTrue(e.getMessage().contains("at least 32 bytes, this one has 31"), e.getMessage());
    }

    private Path keyFile(String text, String permissions) throws Exception {
        Path file = dir.resolve("voucher.key");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private static void assertRefused(Path file, String messagePart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VoucherKeyFile.read(file));
        assertTrue(e.getMessage().contains(messagePart), () -> "message: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("voucher key file " + file), () -> "message: " + e.getMessage());
    }
}
