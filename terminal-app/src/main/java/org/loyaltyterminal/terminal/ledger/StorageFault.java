package org.loyaltyterminal.terminal.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * Storage that refuses writes, for as long as it does: what is wrong and what to do, in plain
 * words for the status page, and since when.
 *
 * @param problem what is wrong ("the disk holding the database is full")
 * @param action  what a person should do about it
 * @param since   the first failed write of this fault
 * @param restartMayHelp whether restarting the daemon may clear it: not for a full or read-only
 *                       disk or a damaged file, which need a person; the store resumes by itself
 */
public record StorageFault(String problem, String action, Instant since, boolean restartMayHelp) {
    public StorageFault {
        if (problem.isBlank() || action.isBlank()) {
            throw new IllegalArgumentException("a storage fault needs a problem and an action");
        }
    }

    /**
     * The fault that an SQLite result code means; {@code detail} is the driver's message. Empty
     * for a code that blames the statement (a constraint, a bug), not the storage.
     */
    static Optional<StorageFault> of(int sqliteResultCode, String file, String detail, Instant since) {
        return Optional.ofNullable(
                switch (sqliteResultCode & 0xff) {
                    case 13 ->
                        new StorageFault(
                                "the disk holding " + file + " is full; scans are refused and nothing is recorded",
                                "free space on the data disk (old logs, backups); scanning resumes by itself",
                                since,
                                false);
                    case 8 ->
                        new StorageFault(
                                file + " is read-only; scans are refused and nothing is recorded",
                                "give the service user write access to the data folder and its files, or remount the disk read-write",
                                since,
                                false);
                    case 10 ->
                        new StorageFault(
                                "the disk holding " + file + " reports input/output errors (" + detail + ")",
                                "check the SD card or disk (dmesg); replace it and restore the database from a backup if errors go on",
                                since,
                                true);
                    case 11, 26 ->
                        new StorageFault(
                                file + " is damaged (" + detail + ")",
                                "stop the service and restore the database from a backup",
                                since,
                                false);
                    case 5, 6 ->
                        new StorageFault(
                                file + " is locked by another program (" + detail + ")",
                                "stop the program that holds the database open (sqlite3, a backup tool)",
                                since,
                                true);
                    case 14 ->
                        new StorageFault(
                                "writes to " + file + " fail (" + detail + ")",
                                "check the data disk and the service user's rights on the data folder",
                                since,
                                true);
                    default -> null;
                });
    }
}
