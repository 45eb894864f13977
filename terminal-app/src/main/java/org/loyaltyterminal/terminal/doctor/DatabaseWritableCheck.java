package org.loyaltyterminal.terminal.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's files can be written: SQLite opens a file it may not write read-only without a
 * word, and every scan would then be refused. The daemon refuses to start on such a file; this
 * check says so before it is started, and names the files. Run as the service user (the unit's
 * {@code User=}), or as root for a read-only mount.
 */
public final class DatabaseWritableCheck implements Check {
    private final Path databaseFile;

    public DatabaseWritableCheck(Path databaseFile) {
        this.databaseFile = databaseFile;
    }

    @Override
    public String subject() {
        return "database " + databaseFile;
    }

    @Override
    public CheckResult run() {
        Path folder = databaseFile.toAbsolutePath().getParent();
        if (!Files.exists(databaseFile)) {
            return Files.isDirectory(folder) && !Files.isWritable(folder)
                    ? new CheckResult.Failed(
                            "not created yet, and its folder " + folder + " is not writable",
                            "give the service user write access to " + folder + " (chown loyalty: " + folder + ")")
                    : new CheckResult.Skipped("not created yet: the daemon creates it at its first start");
        }
        List<String> readOnly = new ArrayList<>();
        for (Path file :
                List.of(databaseFile, Path.of(databaseFile + "-wal"), Path.of(databaseFile + "-shm"), folder)) {
            if (Files.exists(file) && !Files.isWritable(file)) {
                readOnly.add(file.toString());
            }
        }
        if (readOnly.isEmpty()) {
            return new CheckResult.Passed("writable, with its folder");
        }
        return new CheckResult.Failed(
                "not writable for user " + System.getProperty("user.name") + ": " + String.join(", ", readOnly)
                        + "; the daemon would refuse every scan, so it does not start",
                "give the service user write access (chown loyalty: " + folder + " and the files in it), "
                        + "or remount the data disk read-write; never delete " + databaseFile.getFileName()
                        + "-wal: it holds committed awards");
    }
}
