package org.loyaltyterminal.terminal.doctor;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.terminal.ledger.Mounts;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;

/** The doctor's database check on a real SQLite file, writable and then read-only. */
class DatabaseWritableCheckTest {
    @TempDir
    Path dir;

    @Test
    void aWritableDatabasePassesAndAReadOnlyOneFailsWithTheFix() throws Exception {
        Path db = dir.resolve("loyalty.db");
        assertInstanceOf(CheckResult.Skipped.class, new DatabaseWritableCheck(db).run(), "not created yet");
        SqliteLoyaltyStore.open(db, "till-01", "boot").close();
        assertInstanceOf(CheckResult.Passed.class, new DatabaseWritableCheck(db).run());

        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // root writes through file modes: a read-only bind mount is what refuses it
            Mounts.run("mount", "--bind", db.toString(), db.toString());
            Mounts.run("mount", "-o", "remount,bind,ro", db.toString());
        } else {
            Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
        }
        try {
            CheckResult.Failed failed = assertInstanceOf(CheckResult.Failed.class, new DatabaseWritableCheck(db).run());
            assertTrue(failed.problem().contains(db.toString()), failed.problem());
            assertTrue(failed.fix().contains("chown loyalty:"), failed.fix());
        } finally {
            if (root) {
                Mounts.run("umount", "-l", db.toString());
            }
        }
    }
}
