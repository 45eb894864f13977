package org.loyaltyterminal.sync.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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

    /** E.g. "readable by group and others", "readable and writable by group": for an operator, not an enum set. */
    static String inWords(Set<PosixFilePermission> open) {
        String group =
                access(open.contains(PosixFilePermission.GROUP_READ), open.contains(PosixFilePermission.GROUP_WRITE));
        String others =
                access(open.contains(PosixFilePermission.OTHERS_READ), open.contains(PosixFilePermission.OTHERS_WRITE));
        if (group.equals(others)) {
            return group + " by group and others";
        }
        List<String> parts = new ArrayList<>();
        if (!group.isEmpty()) {
            parts.add(group + " by group");
        }
        if (!others.isEmpty()) {
            parts.add(others + " by others");
        }
        return String.join(" and ", parts);
    }

    private static String access(boolean read, boolean write) {
        return read && write ? "readable and writable" : read ? "readable" : write ? "writable" : "";
    }

    public static void requireOwnerOnly(Path file, String key) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> open = EnumSet.of(
                    PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.GROUP_READ,
                    PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.OTHERS_WRITE);
            open.retainAll(permissions);
            if (!open.isEmpty()) {
                throw new SyncException(key + ": " + file + " is " + inWords(open) + "; run 'chmod 600 " + file + "'");
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        } catch (IOException e) {
            throw new SyncException(key + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
