package org.loyaltyterminal.hq.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.hq.HqException;

class CardKeysTest {
    @TempDir
    Path dir;

    @Test
    void theSecretIsMadeOnceOwnerOnlyAndTheSameCardGivesTheSameKeyAcrossRestarts() throws Exception {
        Path file = dir.resolve("keys/hq-secret");
        String first = CardKeys.fromFile(file).keyOf("6001234567890");

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first, CardKeys.fromFile(file).keyOf("6001234567890"));
        assertNotEquals(first, CardKeys.fromFile(file).keyOf("6001234567891"));
        assertFalse(first.contains("6001234567890"));
        assertEquals(64, first.length());
    }

    @Test
    void anotherSecretGivesAnotherKeySoTheDatabaseAloneRevealsNothing() {
        String a = CardKeys.fromFile(dir.resolve("a")).keyOf("6001234567890");
        String b = CardKeys.fromFile(dir.resolve("b")).keyOf("6001234567890");
        assertNotEquals(a, b);
    }

    @Test
    void aDamagedSecretIsRefusedWithWhatToDo() throws Exception {
        Path file = dir.resolve("bad");
        Files.writeString(file, "not hex at all");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        HqException e = assertThrows(HqException.class, () -> CardKeys.fromFile(file));
        assertTrue(e.getMessage().contains("restore it from the backup"), e.getMessage());
    }
}
