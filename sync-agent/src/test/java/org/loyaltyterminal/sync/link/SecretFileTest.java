package org.loyaltyterminal.sync.link;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.sync.SyncException;

/** A secret readable beyond its owner is refused in words an operator reads, with the fix. */
class SecretFileTest {
    @TempDir
    Path dir;

    private Path secret(String permissions) throws Exception {
        Path file = dir.resolve("hq-password");
        Files.writeString(file, "s3cret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void groupAndOthersReadingIsSaidInWords() throws Exception {
        Path file = secret("rw-r--r--");
        SyncException e = assertThrows(SyncException.class, () -> SecretFile.read(file, "hq.password-file"));
        assertEquals(
                "hq.password-file: " + file + " is readable by group and others; run 'chmod 600 " + file + "'",
                e.getMessage());
    }

    @Test
    void mixedAccessNamesEachParty() throws Exception {
        Path file = secret("rw-rw-r--");
        SyncException e = assertThrows(SyncException.class, () -> SecretFile.read(file, "hq.password-file"));
        assertEquals(
                "hq.password-file: " + file
                        + " is readable and writable by group and readable by others; run 'chmod 600 " + file + "'",
                e.getMessage());
    }

    @Test
    void anOwnerOnlyFileIsRead() throws Exception {
        assertArrayEquals("s3cret".getBytes(UTF_8), SecretFile.read(secret("rw-------"), "hq.password-file"));
    }
}
