package org.loyaltyterminal.terminal.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether stdout goes to the systemd journal. systemd sets {@code JOURNAL_STREAM=DEV:INODE} for a
 * service whose output it collects; a process started from that service (or a shell inheriting
 * the variable) may have its stdout somewhere else, so the variable alone is not proof: the
 * device and inode of our stdout must match, as sd_journal_stream_fd(3) advises.
 */
public final class JournalStream {
    private JournalStream() {}

    /** For this process: {@code $JOURNAL_STREAM} against {@code /proc/self/fd/1}. */
    public static boolean stdoutIsJournal() {
        return connected(Optional.ofNullable(System.getenv("JOURNAL_STREAM")), Path.of("/proc/self/fd/1"));
    }

    static boolean connected(Optional<String> journalStream, Path stdout) {
        if (journalStream.isEmpty()) {
            return false;
        }
        String[] parts = journalStream.get().strip().split(":", -1);
        if (parts.length != 2) {
            return false;
        }
        try {
            long dev = Long.parseUnsignedLong(parts[0]);
            long ino = Long.parseUnsignedLong(parts[1]);
            return ((Number) Files.getAttribute(stdout, "unix:dev")).longValue() == dev
                    && ((Number) Files.getAttribute(stdout, "unix:ino")).longValue() == ino;
        } catch (NumberFormatException e) {
            return false;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // Cannot look at stdout (no /proc): trust the variable systemd set.
            return true;
        }
    }
}
