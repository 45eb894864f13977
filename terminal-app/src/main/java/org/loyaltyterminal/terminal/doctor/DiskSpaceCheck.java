package org.loyaltyterminal.terminal.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space where the ledger lives: a full disk refuses every award. */
public final class DiskSpaceCheck implements Check {
    private final Path dataDir;
    private final long minimumBytes;

    public DiskSpaceCheck(Path dataDir, long minimumBytes) {
        this.dataDir = dataDir;
        this.minimumBytes = minimumBytes;
    }

    @Override
    public String subject() {
        return "disk space in " + dataDir;
    }

    @Override
    public CheckResult run() {
        // Before the first start the folder may not exist yet (systemd creates StateDirectory): measure its parent.
        Path existing = dataDir.toAbsolutePath();
        while (!Files.exists(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            String text =
                    mib(free) + " MiB free" + (existing.equals(dataDir.toAbsolutePath()) ? "" : " on " + existing);
            if (free >= minimumBytes) {
                return new CheckResult.Passed(text);
            }
            return new CheckResult.Failed(
                    text + ", less than the " + mib(minimumBytes) + " MiB the ledger should have",
                    "free space on that file system (journalctl --vacuum-size=100M, remove old files); the ledger itself must stay");
        } catch (IOException e) {
            return new CheckResult.Failed("cannot measure free space: " + e.getMessage(), "check data.dir");
        }
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
