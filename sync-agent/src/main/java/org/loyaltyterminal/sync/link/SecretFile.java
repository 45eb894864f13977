package org.loyaltyterminal.sync.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.loyaltyterminal.sync.SyncException;

/** A password or key read from a file that only its owner may read. Its content is never logged. */
public final class SecretFile {
    private SecretFile() {}

    public static char[] readPassword(Path file, String key) {
        byte[] bytes = read(file, key);
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new SyncException(key + ": " + file + " is empty; put the password on its first line");
        }
        return text.toCharArray();
    }

    public static byte[] read(Path file, String key) {
        requireOwnerOnly(file, key);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SyncException(key + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    public static void requireOwnerOnly(Path file, String key) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> open = EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
            open.retainAll(permissions);
            if (!open.isEmpty()) {
                throw new SyncException(key + ": " + file + " can be read or written by others (" + open
                        + "); run 'chmod 600 " + file + "'");
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        } catch (IOException e) {
            throw new SyncException(key + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
